package org.osc.k8s.lease;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osc.simcluster.SimCluster;
import org.osc.simcluster.SimClusterOptions;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The cluster the Lease tests run against: sim-cluster in a process of its own, requiring a bearer token, or a
 * real cluster when {@code OSC_TEST_KUBECONFIG} names a kubeconfig (its context's namespace must let the user get,
 * create, update and delete Leases; tests that need the simulator's token file are skipped then).
 */
final class TestCluster implements AutoCloseable {

    static final String TOKEN = "sim-token-for-lease-tests";

    private final SimCluster sim;
    private final Path kubeconfig;
    private final String namespace;

    private TestCluster(SimCluster sim, Path kubeconfig, String namespace) {
        this.sim = sim;
        this.kubeconfig = kubeconfig;
        this.namespace = namespace;
    }

    static TestCluster start(Path workDir) throws IOException {
        String real = System.getenv("OSC_TEST_KUBECONFIG");
        if (real != null && !real.isBlank()) {
            Config config = Config.fromKubeconfig(null, Files.readString(Path.of(real)), real);
            return new TestCluster(null, Path.of(real), config.getNamespace() == null ? "default"
                    : config.getNamespace());
        }
        Path token = Files.writeString(workDir.resolve("sim-token"), TOKEN + "\n");
        SimCluster sim = SimCluster.start(workDir, SimClusterOptions.defaults().withTokenFile(token));
        return new TestCluster(sim, sim.kubeconfigPath(), "default");
    }

    /** @return whether this is sim-cluster (token file, in-cluster tests) */
    boolean simulated() {
        return sim != null;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    String namespace() {
        return namespace;
    }

    /** @return the API server URL (sim-cluster only) */
    String masterUrl() {
        return sim.masterUrl();
    }

    KubernetesClient admin() throws IOException {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, Files.readString(kubeconfig),
                kubeconfig.toString())).build();
    }

    @Override
    public void close() {
        if (sim != null) {
            sim.close();
        }
    }
}
