package org.osc.server.config;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osc.server.audit.AuditTrail;
import org.osc.server.config.OscSettings.Key;
import org.osc.server.jobs.JobService;
import org.osc.server.leader.internal.LeaderElection;
import org.osc.server.login.LoginService;
import org.osc.server.membership.ConnectorWatcher;
import org.osc.server.metrics.MetricsServlet;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginFiles;
import org.osc.server.rest.BodyLimit;
import org.osc.server.rest.ClientAddress;
import org.osc.server.rest.TrustedProxies;
import org.osc.server.secret.AtRest;
import org.osc.server.secret.Refusal;
import org.osc.server.secret.SecretKeyService;
import org.osc.server.tls.Certificates;
import org.osc.server.tls.ServerTls;
import org.osc.server.tls.TlsOptions;
import org.osc.server.tls.TlsStatus;
import org.osc.server.user.UserService;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that reads the server's settings ({@link OscSettings}: {@code etc/osc.properties}, system
 * properties, environment), once at start. It hands them to the components as their typed configurations through
 * Configuration Admin: the HTTP server (address, port), the Jakarta REST whiteboard (served under {@code /api}),
 * the REST applications' trusted proxies ({@link ClientAddress}), the database, the job service, the user service,
 * the plugins folder, the request body limits ({@link BodyLimit})
 * and the full resync ({@link ConnectorWatcher}). Those components require their configuration, so none of them
 * starts before this has run, and none reads the settings itself. The secrets among the settings go as the
 * {@link Secrets} service instead (see there why; its package is not exported, so no plugin can use it). The HTTP
 * server starts disabled in the runtime's properties and is enabled here, so it never listens on a port the user
 * did not choose. It serves HTTPS ({@link ServerTls}: a configured or a generated certificate, reloaded when its
 * files change) unless plain HTTP is asked for ({@code OSC_PLAIN_HTTP=true}, with a warning); a certificate that
 * cannot be used stops the start with one line naming the setting. The one secret-like value in a configuration is
 * the password of the keystore {@link ServerTls} writes for the HTTP server, which takes it from its configuration
 * only: random, made anew at each start and reload, for a file only the server's user can read, and kept in memory
 * (Configuration Admin does not persist here). A configured PKCS#12 password never goes there.
 */
@Component(immediate = true)
// Tells the resolver that this bundle provides the Secrets service, which it registers itself, not through DS.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.osc.server.config.Secrets")
// The same for the TLS side of the API port (the status resource and the in-place reload use it).
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.osc.server.tls.ServerTls")
public class RuntimeConfigurator {

    /** The HTTP server's configuration PID (Apache Felix HTTP Jetty). */
    static final String HTTP_PID = "org.apache.felix.http";
    /** The REST whiteboard's configuration PID (Eclipse OSGi Technology REST). */
    static final String REST_PID = "JakartarsServletWhiteboardRuntimeComponent";
    /** Where the REST whiteboard is served. */
    public static final String API_ROOT = "/api";

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeConfigurator.class);

    private final ServiceRegistration<Secrets> secrets;
    private final ServerTls tls;
    private final ServiceRegistration<ServerTls> tlsRegistration;

    /** Reads the settings, registers the secrets and applies the configurations. */
    @Activate
    public RuntimeConfigurator(@Reference ConfigurationAdmin admin, BundleContext context) throws IOException {
        OscSettings settings = OscSettings.load();
        Map<String, Dictionary<String, Object>> configurations = configurations(settings);
        // Before the database opens: owner-only data folder, and the keys of the secrets stored in the database.
        AtRest.prepare(settings.dataDir(), settings.find(Key.SECRET_KEY_FILE).map(settings.home()::resolve));
        tls = startTls(settings);
        Dictionary<String, Object> http = configurations.get(HTTP_PID);
        if (tls != null) {
            configurations.put(HTTP_PID, withKeystore(http, tls.jettyProperties()));
        }
        secrets = context.registerService(Secrets.class, Secrets.of(settings), null);
        tlsRegistration = tls == null ? null : context.registerService(ServerTls.class, tls, null);
        for (Map.Entry<String, Dictionary<String, Object>> configuration : configurations.entrySet()) {
            admin.getConfiguration(configuration.getKey(), "?").updateIfDifferent(configuration.getValue());
        }
        String address = settings.get(Key.BIND_ADDRESS) + ":" + settings.get(Key.HTTP_PORT) + API_ROOT;
        if (tls == null) {
            LOG.warn("OSC listens on http://{} in plain HTTP ({}=true): passwords and secrets cross the network "
                    + "unencrypted; use it on loopback only", address, Key.PLAIN_HTTP.env());
            return;
        }
        TlsStatus served = tls.status();
        LOG.info("OSC listens on https://{} (TLS certificate SHA-256 fingerprint {}, {}{})", address,
                served.fingerprintSha256(), served.source(), where(settings));
        tls.watch(properties -> {
            try {
                admin.getConfiguration(HTTP_PID, "?").updateIfDifferent(withKeystore(http, properties));
            } catch (IOException e) {
                throw new IllegalStateException("cannot update the HTTP server's configuration", e);
            }
        });
    }

    @Deactivate
    void deactivate() {
        if (tls != null) {
            tls.close();
            tlsRegistration.unregister();
        }
        secrets.unregister();
    }

    /**
     * @return the TLS side of the API port, or null when plain HTTP is asked for
     * @throws IllegalStateException after a one-line start-up error naming the setting that is wrong
     */
    private static ServerTls startTls(OscSettings settings) {
        if (settings.getBoolean(Key.PLAIN_HTTP)) {
            return null;
        }
        try {
            return ServerTls.start(tlsOptions(settings));
        } catch (IllegalArgumentException e) {
            throw Refusal.exit("OSC cannot start: the TLS certificate cannot be used: " + e.getMessage());
        }
    }

    /**
     * @return where the certificate comes from, as the settings say
     * @throws IllegalArgumentException naming the setting when they do not fit together
     */
    static TlsOptions tlsOptions(OscSettings settings) {
        int reload;
        try {
            reload = settings.getInt(Key.TLS_RELOAD_SECONDS, 1);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return new TlsOptions(settings.dataDir(), settings.get(Key.BIND_ADDRESS),
                settings.findPath(Key.TLS_CERT_FILE), settings.findPath(Key.TLS_KEY_FILE),
                settings.findPath(Key.TLS_PKCS12_FILE), settings.find(Key.TLS_PKCS12_PASSWORD),
                settings.findPath(Key.TLS_PKCS12_PASSWORD_FILE), Duration.ofSeconds(reload));
    }

    /** @return where the served certificate's file is, for the start line */
    private static String where(OscSettings settings) {
        return ": " + settings.findPath(Key.TLS_CERT_FILE).or(() -> settings.findPath(Key.TLS_PKCS12_FILE))
                .orElse(settings.dataDir().resolve("tls").resolve(Certificates.CERT_FILE));
    }

    /** @return a copy of the HTTP server's configuration with the keystore properties */
    private static Dictionary<String, Object> withKeystore(Dictionary<String, Object> http,
            Map<String, Object> keystore) {
        Dictionary<String, Object> next = new Hashtable<>();
        for (Enumeration<String> keys = http.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            next.put(key, http.get(key));
        }
        keystore.forEach(next::put);
        return next;
    }

    /**
     * The configurations the settings make, by PID; no secret is among them.
     *
     * @throws IllegalStateException naming the setting when one is not a number or out of range
     */
    static Map<String, Dictionary<String, Object>> configurations(OscSettings settings) {
        Map<String, Dictionary<String, Object>> configurations = new LinkedHashMap<>();
        Dictionary<String, Object> http = new Hashtable<>();
        int port = settings.getInt(Key.HTTP_PORT, 0);
        if (settings.getBoolean(Key.PLAIN_HTTP)) {
            http.put("org.apache.felix.http.enable", true);
            http.put("org.osgi.service.http.port", port);
        } else {
            // One connector, TLS; the plain one stays off. The keystore is added once the certificate is loaded.
            http.put("org.apache.felix.http.enable", false);
            http.put("org.apache.felix.https.enable", true);
            http.put("org.osgi.service.http.port.secure", port);
        }
        http.put("org.apache.felix.http.host", settings.get(Key.BIND_ADDRESS));
        http.put("org.apache.felix.http.jetty.sendServerHeader", false);
        configurations.put(HTTP_PID, http);

        Dictionary<String, Object> rest = new Hashtable<>();
        rest.put("jersey.context.path", API_ROOT);
        configurations.put(REST_PID, rest);

        // The proxies whose X-Forwarded-For gives the client's address (login throttle, audit): none by default.
        String proxies = settings.get(Key.TRUSTED_PROXIES);
        try {
            TrustedProxies.parse(proxies);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(Key.TRUSTED_PROXIES.env() + " (" + Key.TRUSTED_PROXIES.property()
                    + "): " + e.getMessage());
        }
        Dictionary<String, Object> clients = new Hashtable<>();
        clients.put("trustedProxies", proxies);
        configurations.put(ClientAddress.PID, clients);

        Dictionary<String, Object> database = new Hashtable<>();
        database.put("url", settings.jdbcUrl());
        database.put("user", settings.get(Key.DB_USER));
        database.put("poolSize", settings.getInt(Key.DB_POOL_SIZE, 2));
        database.put("connectionTimeoutMillis", settings.getInt(Key.DB_CONNECTION_TIMEOUT_MILLIS, 250));
        configurations.put(Database.PID, database);

        Dictionary<String, Object> jobs = new Hashtable<>();
        jobs.put("threads", settings.getInt(Key.JOB_THREADS, 1));
        jobs.put("taskTimeoutSeconds", settings.getInt(Key.TASK_TIMEOUT_SECONDS, 0));
        jobs.put("adoptPollSeconds", (long) settings.getInt(Key.JOB_ADOPT_POLL_SECONDS, 1));
        configurations.put(JobService.PID, jobs);

        Dictionary<String, Object> users = new Hashtable<>();
        users.put("dataDir", settings.dataDir().toString());
        users.put("checkThreads", settings.getInt(Key.LOGIN_CHECK_THREADS, 0));
        users.put("checkQueue", settings.getInt(Key.LOGIN_CHECK_QUEUE, 0));
        configurations.put(UserService.PID, users);

        // The login throttle (failed logins per name and address); the pool of password checks is the user service's.
        Dictionary<String, Object> logins = new Hashtable<>();
        logins.put("lockAfterFailures", settings.getInt(Key.LOGIN_LOCK_AFTER_FAILURES, 1));
        logins.put("nameLockMaxSeconds", settings.getInt(Key.LOGIN_NAME_LOCK_MAX_SECONDS, 1));
        logins.put("addressLockMaxSeconds", settings.getInt(Key.LOGIN_ADDRESS_LOCK_MAX_SECONDS, 1));
        configurations.put(LoginService.PID, logins);

        Dictionary<String, Object> plugins = new Hashtable<>();
        plugins.put("dir", settings.pluginsDir().toString());
        configurations.put(PluginFiles.PID, plugins);

        Dictionary<String, Object> bodies = new Hashtable<>();
        bodies.put("maxBodyBytes", (long) settings.getInt(Key.MAX_BODY_BYTES, 1));
        bodies.put("maxUploadBytes", (long) settings.getInt(Key.MAX_UPLOAD_BYTES, 1));
        configurations.put(BodyLimit.PID, bodies);

        Dictionary<String, Object> membership = new Hashtable<>();
        membership.put("resyncSeconds", (long) settings.getInt(Key.RESYNC_SECONDS, 0));
        configurations.put(ConnectorWatcher.PID, membership);

        Dictionary<String, Object> metrics = new Hashtable<>();
        String open = settings.get(Key.METRICS_OPEN).trim();
        if (!open.equalsIgnoreCase("true") && !open.equalsIgnoreCase("false")) {
            throw new IllegalStateException(Key.METRICS_OPEN.env() + " must be true or false, not '" + open + "'");
        }
        metrics.put("open", Boolean.parseBoolean(open));
        configurations.put(MetricsServlet.PID, metrics);

        Dictionary<String, Object> leader = new Hashtable<>();
        leader.put("election", settings.get(Key.LEADER_ELECTION));
        leader.put("leaseDurationSeconds", (long) settings.getInt(Key.LEASE_DURATION_SECONDS, 1));
        leader.put("renewDeadlineSeconds", (long) settings.getInt(Key.LEASE_RENEW_DEADLINE_SECONDS, 1));
        leader.put("retrySeconds", (long) settings.getInt(Key.LEASE_RETRY_SECONDS, 1));
        leader.put("identity", settings.get(Key.POD_NAME));
        leader.put("leaseName", settings.get(Key.LEASE_NAME));
        leader.put("leaseNamespace", settings.get(Key.LEASE_NAMESPACE));
        leader.put("kubeconfig", settings.findPath(Key.LEASE_KUBECONFIG).map(Object::toString).orElse(""));
        leader.put("inPod", settings.find(Key.KUBERNETES_SERVICE_HOST).isPresent());
        configurations.put(LeaderElection.PID, leader);

        Dictionary<String, Object> secretKeys = new Hashtable<>();
        secretKeys.put("reloadSeconds", (long) settings.getInt(Key.SECRET_KEY_RELOAD_SECONDS, 1));
        secretKeys.put("identity", settings.get(Key.POD_NAME));
        configurations.put(SecretKeyService.PID, secretKeys);

        Dictionary<String, Object> audit = new Hashtable<>();
        audit.put("retentionDays", settings.getInt(Key.AUDIT_RETENTION_DAYS, 0));
        configurations.put(AuditTrail.PID, audit);
        // The log format is switched by logback itself when the JVM starts (etc/logback.xml reads OSC_LOG_FORMAT,
        // else osc.log.format of etc/osc.properties); a value logback would not find a file for stops the start here.
        String format = settings.get(Key.LOG_FORMAT).trim();
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalStateException(Key.LOG_FORMAT.env() + " must be text or json, not '" + format + "'");
        }
        return configurations;
    }
}
