package org.osc.itests.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.osc.simcluster.SimCluster;
import org.osc.simcluster.SimClusterOptions;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The Kubernetes cluster an end-to-end test runs on: a real one when the environment variable
 * {@value #KUBECONFIG_ENV} names a kubeconfig file, otherwise the simulated cluster (sim-cluster, a stand-in: the
 * fabric8 mock API server with a simulated controller and kubelet, started as its own process). Either way OSC
 * and the test reach it only over HTTP with the real fabric8 client. The test's objects live in namespaces of
 * their own with a random suffix, deleted at the end, so a real cluster is left as it was found.
 */
final class TestCluster implements AutoCloseable {

    /** The environment variable naming a real cluster's kubeconfig file. */
    static final String KUBECONFIG_ENV = "OSC_TEST_KUBECONFIG";
    /** The image of the workload pods on a real cluster (any image that keeps running). */
    static final String POD_IMAGE = env("OSC_TEST_POD_IMAGE", "registry.k8s.io/pause:3.10");
    /** The image OSC deploys as the VNF on a real cluster. */
    static final String VNF_IMAGE = env("OSC_TEST_VNF_IMAGE", "registry.k8s.io/pause:3.10");

    private final SimCluster sim;
    private final String kubeconfig;
    private final KubernetesClient client;
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);

    private TestCluster(SimCluster sim, String kubeconfig) {
        this.sim = sim;
        this.kubeconfig = kubeconfig;
        this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    }

    /** Connects to the real cluster of {@value #KUBECONFIG_ENV}, or starts a simulated one in the folder. */
    static TestCluster start(Path folder) throws IOException, InterruptedException {
        String real = System.getenv(KUBECONFIG_ENV);
        if (real != null && !real.isBlank()) {
            return new TestCluster(null, Files.readString(Path.of(real)));
        }
        SimCluster sim = SimCluster.start(folder);
        return new TestCluster(sim, Files.readString(sim.kubeconfigPath()));
    }

    /**
     * Starts a simulated cluster with options (e.g. its network mode on an OVN lab), whatever
     * {@value #KUBECONFIG_ENV} says: for tests that need what only the stand-in can do.
     */
    static TestCluster startSimulated(Path folder, SimClusterOptions options) throws IOException {
        SimCluster sim = SimCluster.start(folder, options);
        return new TestCluster(sim, Files.readString(sim.kubeconfigPath()));
    }

    /** @return a VNF pod's capture file in the simulated cluster's network mode */
    Path captureFile(String namespace, String pod) {
        return sim.captureFile(namespace, pod);
    }

    /** @return the kubeconfig content OSC's connector is given */
    String kubeconfig() {
        return kubeconfig;
    }

    /** @return the test's own client: it plays the cluster's users (kubectl) */
    KubernetesClient client() {
        return client;
    }

    /** @return whether this is the simulated cluster */
    boolean simulated() {
        return sim != null;
    }

    /** @return a namespace name unique to this run, e.g. {@code osc-e2e-shop-1a2b3c} */
    String namespace(String base) {
        return "osc-e2e-" + base + "-" + suffix;
    }

    /** Creates the namespace (and forgets it at {@link #close()}). */
    void createNamespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("app.kubernetes.io/part-of", "osc-e2e").endMetadata().build()).create();
    }

    /** Creates a standalone workload pod with the labels. */
    Pod createPod(String namespace, String name, Map<String, String> labels) {
        return client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("app").withImage(POD_IMAGE)
                .endContainer().withTerminationGracePeriodSeconds(0L).endSpec().build()).create();
    }

    /** Creates a standalone workload pod with the labels on a node. */
    Pod createPod(String namespace, String name, Map<String, String> labels, String node) {
        return client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName("app")
                .withImage(POD_IMAGE).endContainer().withTerminationGracePeriodSeconds(0L).endSpec().build()).create();
    }

    /** Sets (or, with a null value, removes) a label of a pod, as {@code kubectl label} does. */
    void label(String namespace, String pod, String key, String value) {
        client.pods().inNamespace(namespace).withName(pod).edit(p -> {
            if (value == null) {
                p.getMetadata().getLabels().remove(key);
            } else {
                p.getMetadata().getLabels().put(key, value);
            }
            return p;
        });
    }

    /**
     * Sets a label of a pod with one JSON merge patch, the kind {@code kubectl label --overwrite} sends (without its
     * read first; no resourceVersion, so it cannot conflict).
     */
    void relabel(String namespace, String pod, String key, String value) {
        client.pods().inNamespace(namespace).withName(pod).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{" + Serialization.asJson(key) + ":" + Serialization.asJson(value) + "}}}");
    }

    /**
     * Sets a pod's {@code Ready} condition as its kubelet would when its readiness probe starts failing or passes
     * again. Only on the simulated cluster (nothing overwrites it there): on a real one only the probe decides,
     * and the calling test is reported as skipped.
     */
    void setReady(String namespace, String pod, boolean ready) {
        Assumptions.assumeTrue(simulated(), "a real kubelet's readiness probe decides a pod's Ready condition");
        client.pods().inNamespace(namespace).withName(pod).editStatus(p -> {
            p.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                    .forEach(c -> c.setStatus(ready ? "True" : "False"));
            return p;
        });
    }

    /** Deletes a pod. */
    void deletePod(String namespace, String name) {
        client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
    }

    /**
     * Stops the API server and starts it again on the same address with the same objects, as an upgrade or a
     * crash of the control plane would. Only the simulated cluster can be restarted by a test: on a real one the
     * calling test is reported as skipped.
     */
    void restartApiServer() throws IOException, InterruptedException {
        Assumptions.assumeTrue(simulated(), "the API server of a real cluster is not restarted by a test");
        sim.restart();
    }

    /**
     * Makes every open watch end with 410 Gone, as an API server does after compacting its history. Only the
     * simulated cluster can; on a real one the calling test is reported as skipped.
     */
    void expireWatches() throws IOException, InterruptedException {
        Assumptions.assumeTrue(simulated(), "a real API server's watches cannot be expired on demand");
        sim.expireWatches();
    }

    @Override
    public void close() {
        try {
            client.namespaces().withLabel("app.kubernetes.io/part-of", "osc-e2e").list().getItems().stream()
                    .filter(n -> n.getMetadata().getName().endsWith("-" + suffix))
                    .forEach(n -> client.namespaces().resource(n).delete());
        } catch (RuntimeException e) {
            // best effort: the simulated cluster goes away anyway; on a real one the namespaces are named by run
        }
        client.close();
        if (sim != null) {
            sim.close();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
