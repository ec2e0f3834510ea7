package org.osc.k8s.lease;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.osc.server.leader.LeaseException;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.OAuthTokenProvider;

/**
 * OSC's own pod's service account: the token, CA certificate and namespace Kubernetes mounts into the pod, and
 * the API server from {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}. The same system properties as the
 * connector's in-cluster mode override them (tests, unusual pods; in the distribution through
 * {@code OSC_JAVA_OPTS}): {@value #DIR_PROPERTY} (default {@value #DEFAULT_DIR}) and {@value #API_SERVER_PROPERTY}.
 * The token is read again at most every minute: the kubelet rotates a projected token in place.
 */
final class ServiceAccount {

    /** System property: the folder of {@code token}, {@code ca.crt} and {@code namespace}. */
    static final String DIR_PROPERTY = "osc.k8s.serviceAccountDir";
    /** System property: the API server URL instead of the one the service variables give. */
    static final String API_SERVER_PROPERTY = "osc.k8s.apiServerUrl";
    static final String DEFAULT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
    private static final long TOKEN_REREAD_NANOS = 60_000_000_000L;

    private ServiceAccount() {
    }

    static Path dir() {
        return Path.of(System.getProperty(DIR_PROPERTY, DEFAULT_DIR));
    }

    /** @return the namespace OSC's pod runs in */
    static String namespace() throws LeaseException {
        Path file = dir().resolve("namespace");
        try {
            String namespace = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!namespace.isEmpty()) {
                return namespace;
            }
        } catch (IOException e) {
            // said below
        }
        throw new LeaseException("no namespace given for the Lease and the pod's namespace cannot be read from "
                + file + ": set OSC_LEASE_NAMESPACE, or run OSC in a pod with its service account mounted");
    }

    /** @return the client configuration of the service account */
    static Config config() throws LeaseException {
        Path dir = dir();
        FileToken token = new FileToken(dir.resolve("token"));
        token.read();
        ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(apiServerUrl())
                .withOauthTokenProvider(token);
        Path ca = dir.resolve("ca.crt");
        if (Files.isReadable(ca)) {
            try {
                builder.withCaCertData(Base64.getEncoder().encodeToString(Files.readAllBytes(ca)));
            } catch (IOException e) {
                throw new LeaseException("the service account's CA certificate " + ca + " cannot be read", e);
            }
        }
        return builder.build();
    }

    private static String apiServerUrl() throws LeaseException {
        String url = System.getProperty(API_SERVER_PROPERTY);
        if (url != null && !url.isBlank()) {
            return url;
        }
        String host = System.getenv("KUBERNETES_SERVICE_HOST");
        String port = System.getenv("KUBERNETES_SERVICE_PORT");
        if (host == null || host.isBlank() || port == null || port.isBlank()) {
            throw new LeaseException("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set: OSC does "
                    + "not run in a Kubernetes pod; give the Lease lock a kubeconfig (OSC_LEASE_KUBECONFIG)");
        }
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The token file, read again once the last reading is a minute old. */
    private static final class FileToken implements OAuthTokenProvider {
        private final Path file;
        private String token;
        private long readAtNanos;

        FileToken(Path file) {
            this.file = file;
        }

        synchronized String read() throws LeaseException {
            if (token == null || System.nanoTime() - readAtNanos > TOKEN_REREAD_NANOS) {
                try {
                    String value = Files.readString(file, StandardCharsets.UTF_8).trim();
                    if (value.isEmpty()) {
                        throw new LeaseException("the service account token " + file + " is empty");
                    }
                    token = value;
                    readAtNanos = System.nanoTime();
                } catch (IOException e) {
                    if (token == null) {
                        throw new LeaseException("the service account token " + file + " cannot be read ("
                                + e.getClass().getSimpleName() + "): is it mounted into OSC's pod?", e);
                    }
                    // a rotation in progress: the last token is still valid for a while
                }
            }
            return token;
        }

        @Override
        public String getToken() {
            try {
                return read();
            } catch (LeaseException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
