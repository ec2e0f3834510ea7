package org.osc.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the server is and who we are, from the first source that has each value: flags, then the environment
 * ({@code OSC_URL}, {@code OSC_USER}, {@code OSC_PASSWORD}, {@code OSC_TOKEN}), then the config file
 * ({@code --config FILE}, or {@code ~/.config/oscctl/config.properties} with keys {@code url}, {@code user},
 * {@code password}, {@code token}). An API token is sent instead of the user and password, unless a user comes
 * from an earlier source (a {@code --user} flag over {@code OSC_TOKEN}, say).
 *
 * @param baseUrl the API base, ending in {@code /api/server/v1/}
 * @param user the user name, or null to send no credentials
 * @param password the password, or null
 * @param token an API token ({@code osc_...}) sent as a bearer token, or null
 */
public record Connection(String baseUrl, String user, String password, String token) {

    /** A connection with a user and password (or none), no API token. */
    public Connection(String baseUrl, String user, String password) {
        this(baseUrl, user, password, null);
    }

    /** The server a fresh distribution listens on. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8090";

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
        return new Connection(apiBase(url), user, password, userSource < tokenSource ? null : token);
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
        Path file = configFlag;
        if (file == null) {
            String xdg = env.get("XDG_CONFIG_HOME");
            Path configHome = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
            file = configHome.resolve("oscctl").resolve("config.properties");
            if (!Files.isRegularFile(file)) {
                return properties; // the default file is optional
            }
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw CliException.usage("cannot read the config file " + file + ": " + e.getMessage());
        }
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
        return "Connection[" + baseUrl + ", user=" + user + (token == null ? "" : ", token") + "]";
    }
}
