package org.osc.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The server's settings, read once at start.
 *
 * <p>Each setting has a property name (as used in {@code etc/osc.properties} and as a Java system property)
 * and an environment variable. Precedence, highest first: environment variable, system property,
 * {@code etc/osc.properties}, built-in default. The home folder is the system property {@code osc.home}
 * (set by the start script), else the working directory.
 */
public final class OscSettings {

    /** A setting: its property key, environment variable and default. */
    public enum Key {
        HTTP_PORT("osc.http.port", "OSC_HTTP_PORT", "8090"),
        BIND_ADDRESS("osc.http.host", "OSC_BIND_ADDRESS", "127.0.0.1"),
        TRUSTED_PROXIES("osc.http.trustedProxies", "OSC_TRUSTED_PROXIES", ""),
        DB_URL("osc.db.url", "OSC_DB_URL", ""),
        DB_USER("osc.db.user", "OSC_DB_USER", "osc"),
        DB_PASSWORD("osc.db.password", "OSC_DB_PASSWORD", ""),
        DB_POOL_SIZE("osc.db.poolSize", "OSC_DB_POOL_SIZE", "8"),
        DB_CONNECTION_TIMEOUT_MILLIS("osc.db.connectionTimeoutMillis", "OSC_DB_CONNECTION_TIMEOUT_MILLIS", "5000"),
        ADMIN_PASSWORD("osc.admin.password", "OSC_ADMIN_PASSWORD", ""),
        JOB_THREADS("osc.jobs.threads", "OSC_JOB_THREADS", "4"),
        TASK_TIMEOUT_SECONDS("osc.jobs.taskTimeoutSeconds", "OSC_TASK_TIMEOUT_SECONDS", "600"),
        JOB_ADOPT_POLL_SECONDS("osc.jobs.adoptPollSeconds", "OSC_JOB_ADOPT_POLL_SECONDS", "5"),
        RESYNC_SECONDS("osc.reconcile.resyncSeconds", "OSC_RESYNC_SECONDS", "300"),
        METRICS_OPEN("osc.metrics.open", "OSC_METRICS_OPEN", "false"),
        MAX_BODY_BYTES("osc.http.maxBodyBytes", "OSC_MAX_BODY_BYTES", "1048576"),
        MAX_UPLOAD_BYTES("osc.http.maxUploadBytes", "OSC_MAX_UPLOAD_BYTES", "67108864"),
        SECRET_KEY_FILE("osc.secret.keyFile", "OSC_SECRET_KEY_FILE", ""),
        SECRET_KEY_RELOAD_SECONDS("osc.secret.reloadSeconds", "OSC_SECRET_KEY_RELOAD_SECONDS", "10"),
        PLAIN_HTTP("osc.http.plain", "OSC_PLAIN_HTTP", "false"),
        TLS_CERT_FILE("osc.tls.certFile", "OSC_TLS_CERT_FILE", ""),
        TLS_KEY_FILE("osc.tls.keyFile", "OSC_TLS_KEY_FILE", ""),
        TLS_PKCS12_FILE("osc.tls.pkcs12File", "OSC_TLS_PKCS12_FILE", ""),
        TLS_PKCS12_PASSWORD("osc.tls.pkcs12Password", "OSC_TLS_PKCS12_PASSWORD", ""),
        TLS_PKCS12_PASSWORD_FILE("osc.tls.pkcs12PasswordFile", "OSC_TLS_PKCS12_PASSWORD_FILE", ""),
        TLS_RELOAD_SECONDS("osc.tls.reloadSeconds", "OSC_TLS_RELOAD_SECONDS", "5"),
        LOGIN_LOCK_AFTER_FAILURES("osc.login.lockAfterFailures", "OSC_LOGIN_LOCK_AFTER_FAILURES", "5"),
        LOGIN_NAME_LOCK_MAX_SECONDS("osc.login.nameLockMaxSeconds", "OSC_LOGIN_NAME_LOCK_MAX_SECONDS", "60"),
        LOGIN_ADDRESS_LOCK_MAX_SECONDS("osc.login.addressLockMaxSeconds", "OSC_LOGIN_ADDRESS_LOCK_MAX_SECONDS",
                "900"),
        LOGIN_CHECK_THREADS("osc.login.checkThreads", "OSC_LOGIN_CHECK_THREADS", "0"),
        LOGIN_CHECK_QUEUE("osc.login.checkQueue", "OSC_LOGIN_CHECK_QUEUE", "16"),
        AUDIT_RETENTION_DAYS("osc.audit.retentionDays", "OSC_AUDIT_RETENTION_DAYS", "90"),
        LOG_FORMAT("osc.log.format", "OSC_LOG_FORMAT", "text"),
        LEADER_ELECTION("osc.leader.election", "OSC_LEADER_ELECTION", "auto"),
        LEASE_DURATION_SECONDS("osc.leader.leaseDurationSeconds", "OSC_LEASE_DURATION_SECONDS", "15"),
        LEASE_RENEW_DEADLINE_SECONDS("osc.leader.renewDeadlineSeconds", "OSC_LEASE_RENEW_DEADLINE_SECONDS", "10"),
        LEASE_RETRY_SECONDS("osc.leader.retrySeconds", "OSC_LEASE_RETRY_SECONDS", "2"),
        LEASE_NAME("osc.leader.leaseName", "OSC_LEASE_NAME", "osc-leader"),
        LEASE_NAMESPACE("osc.leader.leaseNamespace", "OSC_LEASE_NAMESPACE", ""),
        LEASE_KUBECONFIG("osc.leader.kubeconfig", "OSC_LEASE_KUBECONFIG", ""),
        /** This replica's identity in the election; in a pod, set from the downward API. */
        POD_NAME("osc.leader.identity", "OSC_POD_NAME", ""),
        /** Set by Kubernetes in every pod: OSC runs in one. */
        KUBERNETES_SERVICE_HOST("osc.kubernetes.serviceHost", "KUBERNETES_SERVICE_HOST", "");

        private final String property;
        private final String env;
        private final String defaultValue;

        Key(String property, String env, String defaultValue) {
            this.property = property;
            this.env = env;
            this.defaultValue = defaultValue;
        }

        /** @return the property name used in {@code etc/osc.properties} and as a system property */
        public String property() {
            return property;
        }

        /** @return the environment variable that overrides it */
        public String env() {
            return env;
        }
    }

    private final Path home;
    private final Properties file;
    private final Map<String, String> env;
    private final Properties system;

    OscSettings(Path home, Properties file, Map<String, String> env, Properties system) {
        this.home = home;
        this.file = file;
        this.env = env;
        this.system = system;
    }

    /** Reads the settings of this process: {@code osc.home}, its {@code etc/osc.properties}, env, system. */
    public static OscSettings load() {
        Path home = Path.of(System.getProperty("osc.home", ".")).toAbsolutePath().normalize();
        return load(home, System.getenv(), System.getProperties());
    }

    /** Reads the settings for the given home folder, environment and system properties. */
    public static OscSettings load(Path home, Map<String, String> env, Properties system) {
        Properties file = new Properties();
        Path etc = home.resolve("etc").resolve("osc.properties");
        if (Files.isRegularFile(etc)) {
            try (Reader reader = Files.newBufferedReader(etc)) {
                file.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + etc + ": " + e.getMessage(), e);
            }
        }
        return new OscSettings(home, file, env, system);
    }

    /** @return the value of a setting after applying precedence; never null */
    public String get(Key key) {
        return find(key).orElse(key.defaultValue);
    }

    /** @return the value when it was set anywhere (not the default), else empty */
    public Optional<String> find(Key key) {
        String value = env.get(key.env);
        if (isBlank(value)) {
            value = system.getProperty(key.property);
        }
        if (isBlank(value)) {
            value = file.getProperty(key.property);
        }
        return isBlank(value) ? Optional.empty() : Optional.of(value.trim());
    }

    /** @return an integer setting; a clear error names the setting when it is not a number */
    public int getInt(Key key) {
        String value = get(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + key.property + " (" + key.env + ") must be a number, got '"
                    + value + "'");
        }
    }

    /**
     * @return an integer setting of at least {@code min}; a clear error names the setting when it is not a number
     *     or too small
     */
    public int getInt(Key key, int min) {
        int value = getInt(key);
        if (value < min) {
            throw new IllegalStateException("Setting " + key.property + " (" + key.env + ") must be at least " + min
                    + ", got " + value);
        }
        return value;
    }

    /**
     * @return a true/false setting
     * @throws IllegalStateException naming the setting when it is neither
     */
    public boolean getBoolean(Key key) {
        String value = get(key).trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalStateException("Setting " + key.property + " (" + key.env + ") must be true or false, "
                    + "got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** @return a path setting resolved against the home folder, when set */
    public Optional<Path> findPath(Key key) {
        return find(key).map(home::resolve);
    }

    /** @return the home folder */
    public Path home() {
        return home;
    }

    /** @return the data folder ({@code data/} under home), which holds the database and logs */
    public Path dataDir() {
        return home.resolve("data");
    }

    /** @return the drop-in folder for plugin bundles */
    public Path pluginsDir() {
        return home.resolve("plugins");
    }

    /**
     * @return the JDBC URL: the configured one, else an H2 file database under {@code data/} that writes every
     *     commit at once (nothing lost to a kill) and keeps the plans of 256 statements per connection (H2's
     *     default of 8 had every request parse and plan its queries again)
     */
    public String jdbcUrl() {
        return find(Key.DB_URL).orElseGet(() -> "jdbc:h2:file:" + dataDir().resolve("db").resolve("osc")
                .toString().replace('\\', '/') + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=256");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
