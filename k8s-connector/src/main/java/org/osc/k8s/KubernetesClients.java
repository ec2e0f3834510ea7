package org.osc.k8s;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.osc.k8s.serviceaccount.ServiceAccount;
import org.osc.k8s.serviceaccount.ServiceAccountException;
import org.osc.platform.api.ConnectorInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * One shared fabric8 client per virtualization connector, rebuilt when the connector's connection settings
 * change and closed when it is released. A DS component so that every part of the connector (membership,
 * VNF deployment) shares one client, and so one connection pool, per cluster; tests create their own.
 */
@Component(service = KubernetesClients.class)
public final class KubernetesClients implements AutoCloseable {

    /**
     * Work run with the bundle's class loader as context class loader.
     *
     * @param <T> what it returns
     * @param <E> the checked exception it may throw ({@code RuntimeException} when none)
     */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        /** @return the result of the work */
        T run() throws E;
    }

    private record Entry(int fingerprint, KubernetesClient client) {
    }

    private final Map<Long, Entry> clients = new ConcurrentHashMap<>();

    /** @return the client for the connector, creating or replacing it when its settings changed */
    public KubernetesClient client(ConnectorInfo connector) {
        int fingerprint = Objects.hash(connector.kubeconfig(), connector.context(), connector.apiServerUrl(),
                connector.token(), connector.caCertificate(), connector.inCluster());
        Entry entry = clients.compute(connector.id(), (id, old) -> {
            if (old != null && old.fingerprint() == fingerprint) {
                return old;
            }
            if (old != null) {
                old.client().close();
            }
            return new Entry(fingerprint, withOwnClassLoader(() -> build(connector)));
        });
        return entry.client();
    }

    /** Closes and forgets the connector's client; unknown ids are ignored. */
    public void release(long connectorId) {
        Entry entry = clients.remove(connectorId);
        if (entry != null) {
            entry.client().close();
        }
    }

    /** @return whether a client for the connector is open (tests, diagnostics) */
    public boolean holds(long connectorId) {
        return clients.containsKey(connectorId);
    }

    /**
     * A client of its own for one short task, such as checking a connector before it is stored: not shared,
     * connecting and every request limited to {@code timeout}, no retries. The caller closes it.
     *
     * @throws RuntimeException when the connection settings cannot be used (e.g. a kubeconfig that does not
     *     parse); its message may quote them, so never show it
     */
    public static KubernetesClient standalone(ConnectorInfo connector, Duration timeout) {
        return withOwnClassLoader(() -> {
            Config config = config(connector);
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            config.setConnectionTimeout(millis);
            config.setRequestTimeout(millis);
            config.setRequestRetryBackoffLimit(0);
            plainHttpWithoutUpgrade(config);
            return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
                    .build();
        });
    }

    /**
     * Why connection settings could not be used, in words an administrator can act on. The failure's own message
     * may quote the kubeconfig (which holds secrets) and its class is no reason, so neither is shown.
     */
    public static String unusable(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ServiceAccountException) {
                return "inCluster: " + t.getMessage(); // names files and variables, never a secret
            }
            String type = t.getClass().getName();
            if (type.startsWith("org.snakeyaml.") || type.startsWith("org.yaml.snakeyaml.")) {
                return "the kubeconfig is not valid YAML";
            }
            if (type.startsWith("com.fasterxml.jackson.")) {
                return "the kubeconfig is not in the kubeconfig format (clusters, users, contexts)";
            }
            if (t instanceof IllegalArgumentException && t.getMessage() != null
                    && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("url")) {
                return "the API server URL is not valid";
            }
        }
        return "the kubeconfig (its context, cluster or user), the API server URL or the CA certificate is "
                + "incomplete or invalid";
    }

    @Override
    @Deactivate
    public void close() {
        clients.keySet().forEach(this::release);
    }

    static Config config(ConnectorInfo connector) {
        if (connector.kubeconfig() != null && !connector.kubeconfig().isBlank()) {
            return Config.fromKubeconfig(connector.context(), connector.kubeconfig(), null);
        }
        if (connector.apiServerUrl() != null && !connector.apiServerUrl().isBlank()) {
            ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(connector.apiServerUrl())
                    .withOauthToken(connector.token());
            if (connector.caCertificate() != null && !connector.caCertificate().isBlank()) {
                builder.withCaCertData(java.util.Base64.getEncoder().encodeToString(
                        connector.caCertificate().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            return builder.build();
        }
        // In-cluster: the service account token and CA mounted into OSC's own pod.
        return ServiceAccount.config("use a kubeconfig or an API server URL instead");
    }

    private static KubernetesClient build(ConnectorInfo connector) {
        Config config = config(connector);
        plainHttpWithoutUpgrade(config);
        config.setRequestTimeout(15_000);
        config.setConnectionTimeout(5_000);
        // Reconcilers retry on their own; a request should fail within seconds, not after ten back-offs.
        config.setRequestRetryBackoffLimit(2);
        config.setRequestRetryBackoffInterval(200);
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }

    /**
     * Over plain HTTP the JDK client asks to upgrade each connection to HTTP/2 (h2c); under concurrent LISTs
     * against a large cluster such upgrades were seen to fail ("exceeds MAX_FRAME_SIZE") or hang past the request
     * timeout (the membership benchmark at 10k pods, against the simulated cluster). HTTP/1.1 it is, then, for
     * http:// API servers; https:// ones negotiate HTTP/2 by ALPN as before.
     */
    static void plainHttpWithoutUpgrade(Config config) {
        if (config.getMasterUrl() != null && config.getMasterUrl().startsWith("http://")) {
            config.setHttp2Disable(true);
        }
    }

    /**
     * fabric8 finds its model classes and HTTP transport through the context class loader; inside OSGi that
     * must be this bundle's loader, which holds the embedded fabric8 jars.
     */
    public static <T, E extends Exception> T withOwnClassLoader(Work<T, E> work) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KubernetesClients.class.getClassLoader());
        try {
            return work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
