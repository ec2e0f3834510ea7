package org.osc.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.OAuthTokenProvider;

/**
 * The client configuration of a connector with {@code inCluster: true}: OSC's own pod's service account, built
 * from the files Kubernetes mounts into the pod and the {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} variables it
 * sets, and nothing else (fabric8's own auto-configuration would prefer a kubeconfig in the home folder).
 *
 * <p>Overridable for tests and unusual pods by system properties (in the distribution through
 * {@code OSC_JAVA_OPTS}): {@value #DIR_PROPERTY} the folder of {@code token} and {@code ca.crt} (default
 * {@value #DEFAULT_DIR}), {@value #API_SERVER_PROPERTY} the API server URL (default
 * {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT}).
 *
 * <p>The token is read again from its file at most every {@link #TOKEN_REREAD_MILLIS} ms: the kubelet rotates a
 * projected service account token in place.
 *
 * <p>GAP: the tests run against sim-cluster, which speaks plain HTTP: {@code ca.crt} is read and handed to the
 * client, but no test has it verify a server certificate. k8s-lease's {@code ServiceAccount} reads the same files
 * with the same properties (a bundle of its own cannot share this package); keep the two alike.
 */
public final class InClusterConfig {

    /** System property: the service account folder. */
    public static final String DIR_PROPERTY = "osc.k8s.serviceAccountDir";
    /** System property: the API server URL. */
    public static final String API_SERVER_PROPERTY = "osc.k8s.apiServerUrl";
    /** Where Kubernetes mounts the service account's token, CA certificate and namespace. */
    public static final String DEFAULT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
    /** How long a token read from the file is used before the file is read again. */
    static final long TOKEN_REREAD_MILLIS = 60_000;

    /** The in-cluster settings cannot be used; the message says why and names no secret. */
    public static final class InClusterException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        InClusterException(String reason) {
            super(reason);
        }
    }

    private InClusterConfig() {
    }

    /**
     * @return the configuration of OSC's own service account
     * @throws InClusterException when the token is missing or unreadable or the API server is not known
     */
    public static Config config() {
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, DEFAULT_DIR));
        Path tokenFile = dir.resolve("token");
        FileToken token = new FileToken(tokenFile, TOKEN_REREAD_MILLIS * 1_000_000);
        token.getToken(); // fails now, with the reason, rather than at the first request
        ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(apiServerUrl())
                .withOauthTokenProvider(token);
        Path ca = dir.resolve("ca.crt");
        if (Files.isReadable(ca)) {
            try {
                builder.withCaCertData(Base64.getEncoder().encodeToString(Files.readAllBytes(ca)));
            } catch (IOException e) {
                throw new InClusterException("inCluster: the service account's CA certificate " + ca
                        + " cannot be read: " + e.getMessage());
            }
        }
        return builder.build();
    }

    private static String apiServerUrl() {
        String url = System.getProperty(API_SERVER_PROPERTY);
        if (url != null && !url.isBlank()) {
            return url;
        }
        String host = System.getenv("KUBERNETES_SERVICE_HOST");
        String port = System.getenv("KUBERNETES_SERVICE_PORT");
        if (host == null || host.isBlank() || port == null || port.isBlank()) {
            throw new InClusterException("inCluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not "
                    + "set: OSC does not run in a Kubernetes pod (use a kubeconfig or an API server URL instead)");
        }
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The token file, read again once the last reading is older than the re-read interval. */
    static final class FileToken implements OAuthTokenProvider {
        private final Path file;
        private final long rereadNanos;
        private String token;
        private long readAtNanos;

        FileToken(Path file, long rereadNanos) {
            this.file = file;
            this.rereadNanos = rereadNanos;
        }

        @Override
        public synchronized String getToken() {
            if (token == null || System.nanoTime() - readAtNanos >= rereadNanos) {
                token = read(file);
                readAtNanos = System.nanoTime();
            }
            return token;
        }

        private static String read(Path file) {
            String value;
            try {
                value = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new InClusterException("inCluster: the service account token " + file + " cannot be read ("
                        + e.getClass().getSimpleName() + "): is the token mounted into OSC's pod "
                        + "(automountServiceAccountToken or a projected volume)?");
            }
            if (value.isEmpty()) {
                throw new InClusterException("inCluster: the service account token " + file + " is empty");
            }
            return value;
        }
    }
}
