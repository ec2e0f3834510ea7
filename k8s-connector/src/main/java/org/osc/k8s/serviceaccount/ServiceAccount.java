package org.osc.k8s.serviceaccount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;

/**
 * The client configuration of OSC's own pod's service account, built from the files Kubernetes mounts into the pod
 * and the {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} variables it sets, and nothing else (fabric8's own
 * auto-configuration would prefer a kubeconfig in the home folder).
 *
 * <p>Overridable for tests and unusual pods by system properties (in the distribution through
 * {@code OSC_JAVA_OPTS}): {@value #DIR_PROPERTY} the folder of {@code token}, {@code ca.crt} and {@code namespace}
 * (default {@value #DEFAULT_DIR}), {@value #API_SERVER_PROPERTY} the API server URL (default
 * {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT}).
 *
 * <p>The CA certificate is tested over a real TLS handshake: k8s-connector's {@code InClusterIT} puts a TLS front
 * with a certificate of its own before sim-cluster (which speaks plain HTTP) and checks that the pod's
 * {@code ca.crt} is trusted and another CA's is refused with a reason.
 */
public final class ServiceAccount {

    /** System property: the service account folder. */
    public static final String DIR_PROPERTY = "osc.k8s.serviceAccountDir";
    /** System property: the API server URL. */
    public static final String API_SERVER_PROPERTY = "osc.k8s.apiServerUrl";
    /** Where Kubernetes mounts the service account's token, CA certificate and namespace. */
    public static final String DEFAULT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

    private ServiceAccount() {
    }

    /** @return the folder of the token, the CA certificate and the namespace */
    public static Path dir() {
        return Path.of(System.getProperty(DIR_PROPERTY, DEFAULT_DIR));
    }

    /**
     * @return the namespace OSC's pod runs in
     * @throws ServiceAccountException when the namespace file is missing, unreadable or empty
     */
    public static String namespace() {
        Path file = dir().resolve("namespace");
        try {
            String namespace = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!namespace.isEmpty()) {
                return namespace;
            }
        } catch (IOException e) {
            // said below
        }
        throw new ServiceAccountException("the pod's namespace cannot be read from " + file);
    }

    /**
     * @param outsideAPod what to do instead when OSC does not run in a pod, appended to that reason in brackets
     * @return the configuration of the service account; its token is read now, and again from its file later
     *         (see {@link FileToken})
     * @throws ServiceAccountException when the token is missing or unreadable or the API server is not known
     */
    public static Config config(String outsideAPod) {
        Path dir = dir();
        FileToken token = new FileToken(dir.resolve("token"), FileToken.REREAD_NANOS);
        token.getToken(); // fails now, with the reason, rather than at the first request
        ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(apiServerUrl(outsideAPod))
                .withOauthTokenProvider(token);
        Path ca = dir.resolve("ca.crt");
        if (Files.isReadable(ca)) {
            try {
                builder.withCaCertData(Base64.getEncoder().encodeToString(Files.readAllBytes(ca)));
            } catch (IOException e) {
                throw new ServiceAccountException("the service account's CA certificate " + ca + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        return builder.build();
    }

    private static String apiServerUrl(String outsideAPod) {
        String url = System.getProperty(API_SERVER_PROPERTY);
        if (url != null && !url.isBlank()) {
            return url;
        }
        String host = System.getenv("KUBERNETES_SERVICE_HOST");
        String port = System.getenv("KUBERNETES_SERVICE_PORT");
        if (host == null || host.isBlank() || port == null || port.isBlank()) {
            throw new ServiceAccountException("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set: OSC "
                    + "does not run in a Kubernetes pod (" + outsideAPod + ")");
        }
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
