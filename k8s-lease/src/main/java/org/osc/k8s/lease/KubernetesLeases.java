package org.osc.k8s.lease;

import java.nio.file.Files;
import java.nio.file.Path;

import org.osc.k8s.serviceaccount.ServiceAccount;
import org.osc.k8s.serviceaccount.ServiceAccountException;
import org.osc.server.leader.LeaseException;
import org.osc.server.leader.LeaseSettings;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * Opens {@link KubernetesLeaseLock}s from {@link LeaseSettings}: the client (a kubeconfig file, or the pod's
 * service account when none is given) and the namespace (the settings', else the kubeconfig context's, else the
 * pod's). Requests fail within {@link #REQUEST_TIMEOUT_MILLIS} and are not retried by the client: the election
 * retries on its own schedule, and a renewal must not outlast the renew deadline.
 */
final class KubernetesLeases {

    /** Connecting and every request are bounded by this (well under the renew deadline of 10 s). */
    static final int REQUEST_TIMEOUT_MILLIS = 4_000;

    /**
     * Work run with this bundle's class loader as context class loader.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    interface Work<T> {
        T run();
    }

    private KubernetesLeases() {
    }

    /** @return a lock on the Lease the settings name, with a client of its own */
    static KubernetesLeaseLock open(LeaseSettings settings) throws LeaseException {
        if (settings.name() == null || settings.name().isBlank()) {
            throw new LeaseException("the Lease has no name (OSC_LEASE_NAME)");
        }
        Config config = config(settings.kubeconfig());
        String namespace = blank(settings.namespace()) ? namespaceOf(settings.kubeconfig(), config)
                : settings.namespace();
        config.setConnectionTimeout(REQUEST_TIMEOUT_MILLIS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
        config.setRequestRetryBackoffLimit(0);
        if (config.getMasterUrl() != null && config.getMasterUrl().startsWith("http://")) {
            config.setHttp2Disable(true); // no h2c upgrade over plain HTTP (see k8s-connector's KubernetesClients)
        }
        KubernetesClient client = withOwnClassLoader(() -> new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory()).build());
        return new KubernetesLeaseLock(client, namespace, settings.name(), System::nanoTime, true);
    }

    private static Config config(String kubeconfig) throws LeaseException {
        if (blank(kubeconfig)) {
            try {
                return ServiceAccount.config("give the Lease lock a kubeconfig: OSC_LEASE_KUBECONFIG");
            } catch (ServiceAccountException e) {
                throw new LeaseException(e.getMessage(), e);
            }
        }
        Path file = Path.of(kubeconfig);
        String text;
        try {
            text = Files.readString(file);
        } catch (java.io.IOException e) {
            throw new LeaseException("the kubeconfig " + file + " for the Lease cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        try {
            return withOwnClassLoader(() -> Config.fromKubeconfig(null, text, file.toAbsolutePath().toString()));
        } catch (RuntimeException e) {
            // its message may quote the file, which holds credentials
            throw new LeaseException("the kubeconfig " + file + " cannot be used (not a kubeconfig, or its "
                    + "current context, cluster or user is incomplete)");
        }
    }

    private static String namespaceOf(String kubeconfig, Config config) throws LeaseException {
        if (blank(kubeconfig)) {
            try {
                return ServiceAccount.namespace();
            } catch (ServiceAccountException e) {
                throw new LeaseException("no namespace given for the Lease and " + e.getMessage()
                        + ": set OSC_LEASE_NAMESPACE, or run OSC in a pod with its service account mounted", e);
            }
        }
        return blank(config.getNamespace()) ? "default" : config.getNamespace();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** fabric8 finds its model classes and HTTP transport through the context class loader (inside OSGi). */
    static <T> T withOwnClassLoader(Work<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KubernetesLeases.class.getClassLoader());
        try {
            return work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
