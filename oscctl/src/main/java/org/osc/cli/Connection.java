package org.osc.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the server is, who we are and how to trust the server, from the first source that has each value: flags,
 * then the environment ({@code OSC_URL}, {@code OSC_USER}, {@code OSC_PASSWORD}, {@code OSC_TOKEN},
 * {@code OSC_CACERT}, {@code OSC_PIN}, {@code OSC_INSECURE}), then the config file ({@code --config FILE}, or
 * {@code ~/.config/oscctl/config.properties} with keys {@code url}, {@code user}, {@code password}, {@code token},
 * {@code cacert}, {@code pin}, {@code insecure}). An API token is sent instead of the user and password, unless a
 * user comes from an earlier source (a {@code --user} flag over {@code OSC_TOKEN}, say). The three trust settings
 * come together from the first source that has any of them.
 *
 * @param baseUrl the API base, ending in {@code /api/server/v1/}
 * @param user the user name, or null to send no credentials
 * @param password the password, or null
 * @param token an API token ({@code osc_...}) sent as a bearer token, or null
 * @param cacert a PEM file of certificates trusted besides the JDK's, or null
 * @param pin the SHA-256 fingerprint the server's certificate must have, or null
 * @param insecure whether the server's certificate is not checked at all
 */
public record Connection(String baseUrl, String user, String password, String token, String cacert, String pin,
        boolean insecure) {

    /** A connection with a user and password (or none), no API token, trusting the server as by default. */
    public Connection(String baseUrl, String user, String password) {
        this(baseUrl, user, password, null);
    }

    /** A connection with a user and password or an API token, trusting the server as by default. */
    public Connection(String baseUrl, String user, String password, String token) {
        this(baseUrl, user, password, token, null, null, false);
    }

    /** The server a fresh distribution listens on. */
    public static final String DEFAULT_URL = "https://127.0.0.1:8090";

    private static final String API_PATH = "/api/server/v1/";

    /**
     * @param flags the values given as options (null when not given)
     * @param configFlag the {@code --config} file, or null for the default file (which may be absent)
     * @param env the environment
     * @param home the user's home folder
     * @return the connection to use
     * @throws CliException (usage) when an explicitly named config file cannot be read
     */
    public static Connection resolve(Connection flags, Path configFlag, Map<String, String> env, Path home) {
        Properties file = load(configFlag, env, home);
        String url = first(flags.baseUrl(), env.get("OSC_URL"), file.getProperty("url"), DEFAULT_URL);
        String user = first(flags.user(), env.get("OSC_USER"), file.getProperty("user"), null);
        String password = first(flags.password(), env.get("OSC_PASSWORD"), file.getProperty("password"), null);
        String token = first(flags.token(), env.get("OSC_TOKEN"), file.getProperty("token"), null);
        // the first source naming a user or a token decides which is sent; a token wins within one source
        int userSource = source(flags.user(), env.get("OSC_USER"), file.getProperty("user"));
        int tokenSource = source(flags.token(), env.get("OSC_TOKEN"), file.getProperty("token"));
        // How to trust the server comes from one source as a whole: a --cacert flag is not overruled by a pin saved
        // in the config file, say.
        String cacert;
        String pin;
        boolean insecure;
        String envInsecure = env.get("OSC_INSECURE");
        if (flags.cacert() != null || flags.pin() != null || flags.insecure()) {
            cacert = flags.cacert();
            pin = flags.pin();
            insecure = flags.insecure();
        } else if (env.get("OSC_CACERT") != null || env.get("OSC_PIN") != null || envInsecure != null) {
            cacert = env.get("OSC_CACERT");
            pin = env.get("OSC_PIN");
            insecure = "true".equalsIgnoreCase(envInsecure);
        } else {
            cacert = file.getProperty("cacert");
            pin = file.getProperty("pin");
            insecure = "true".equalsIgnoreCase(file.getProperty("insecure"));
        }
        return new Connection(apiBase(url), user, password, userSource < tokenSource ? null : token,
                blankToNull(cacert), blankToNull(pin) == null ? null : ServerTrust.normalize(pin), insecure);
    }

    /** @return the server's address without the API path ({@code https://host:8090}) */
    public String serverUrl() {
        return baseUrl.substring(0, baseUrl.length() - API_PATH.length());
    }

    /**
     * @return the config file oscctl reads (and {@code oscctl trust} writes): the {@code --config} file, else the
     *     default one under {@code $XDG_CONFIG_HOME} or {@code ~/.config}, which may not exist yet
     */
    static Path configFile(Path configFlag, Map<String, String> env, Path home) {
        if (configFlag != null) {
            return configFlag;
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path configHome = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return configHome.resolve("oscctl").resolve("config.properties");
    }

    /**
     * @param url a server address ({@code http://host:8090}) or the API base itself
     * @return the API base, so that both forms work
     */
    static String apiBase(String url) {
        String trimmed = url.strip();
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw CliException.usage("the server URL must start with http:// or https://, not '" + url + "'");
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.endsWith("/api/server/v1") ? trimmed + "/" : trimmed + API_PATH;
    }

    private static Properties load(Path configFlag, Map<String, String> env, Path home) {
        Properties properties = new Properties();
        Path file = configFile(configFlag, env, home);
        if (configFlag == null && !Files.isRegularFile(file)) {
            return properties; // the default file is optional
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw CliException.usage("cannot read the config file " + file + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** @return 0 for the flag, 1 for the environment, 2 for the config file, 3 when none has a value */
    private static int source(String flag, String env, String file) {
        String[] values = { flag, env, file };
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && !values[i].isEmpty()) {
                return i;
            }
        }
        return values.length;
    }

    private static String first(String a, String b, String c, String fallback) {
        for (String value : new String[] { a, b, c }) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return fallback;
    }

    /** Never shows the password or the token. */
    @Override
    public String toString() {
        return "Connection[" + baseUrl + ", user=" + user + (token == null ? "" : ", token")
                + (pin == null ? "" : ", pin=" + pin) + (cacert == null ? "" : ", cacert=" + cacert)
                + (insecure ? ", insecure" : "") + "]";
    }
}
