package org.osc.k8s.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.DeploymentRequest;
import org.osc.simcluster.SimCluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The simulated cluster (its own process, over HTTP) as the deployment tests see it: the connector that reaches
 * it through the kubeconfig it wrote, and an admin client playing the operator who looks, edits and deletes.
 */
final class SimVnfCluster implements AutoCloseable {

    /** How long a test waits for the simulated controller and kubelet. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private static final AtomicLong SPEC_IDS = new AtomicLong(100);

    private final SimCluster cluster;
    private final KubernetesClient admin;
    private final ConnectorInfo connector;

    private SimVnfCluster(SimCluster cluster, String kubeconfig) {
        this.cluster = cluster;
        this.admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
        this.connector = new ConnectorInfo(1, "k1", kubeconfig, null, null, null, null, false);
    }

    static SimVnfCluster start(Path workDir) throws IOException {
        SimCluster cluster = SimCluster.start(workDir);
        return new SimVnfCluster(cluster, Files.readString(cluster.kubeconfigPath()));
    }

    KubernetesClient admin() {
        return admin;
    }

    /** Creates a namespace (the simulator would not insist, a real cluster would). */
    String namespace(String name) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        return name;
    }

    /** A request for a new spec id on this cluster. */
    DeploymentRequest request(String namespace, int count, String image) {
        return new DeploymentRequest(SPEC_IDS.incrementAndGet(), "spec", namespace, count, 3, "da-1", null,
                VnfRendererTest.image(image), connector);
    }

    /** A request for a new spec id on another connector. */
    static DeploymentRequest request(ConnectorInfo connector, String namespace) {
        return new DeploymentRequest(SPEC_IDS.incrementAndGet(), "spec", namespace, 1, 3, "da-1", null,
                VnfRendererTest.image("reg/vnf:1.0"), connector);
    }

    static DeploymentRequest withCount(DeploymentRequest r, int count) {
        return new DeploymentRequest(r.specId(), r.specName(), r.namespace(), count, r.virtualSystemId(),
                r.distributedApplianceName(), r.encapsulationType(), r.image(), r.connector());
    }

    static DeploymentRequest withImage(DeploymentRequest r, String image) {
        return new DeploymentRequest(r.specId(), r.specName(), r.namespace(), r.count(), r.virtualSystemId(),
                r.distributedApplianceName(), r.encapsulationType(), VnfRendererTest.image(image), r.connector());
    }

    Deployment deployment(DeploymentRequest r) {
        return admin.apps().deployments().inNamespace(r.namespace()).withName("osc-vnf-" + r.specId()).get();
    }

    NetworkPolicy policy(DeploymentRequest r) {
        return admin.network().v1().networkPolicies().inNamespace(r.namespace()).withName("osc-vnf-" + r.specId())
                .get();
    }

    List<Pod> pods(DeploymentRequest r) {
        return admin.pods().inNamespace(r.namespace()).withLabel("osc.io/deployment-spec", String.valueOf(r.specId()))
                .list().getItems();
    }

    /** An operator's edit; the simulated controller's status writes make it conflict at times, as on a real cluster. */
    static void handEdit(Runnable edit) {
        for (int attempt = 1;; attempt++) {
            try {
                edit.run();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    void awaitDeployment(DeploymentRequest request, Predicate<Deployment> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.test(deployment(request))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Deployment never got there: " + deployment(request));
            }
            Thread.sleep(50);
        }
    }

    void awaitNoPods(DeploymentRequest request) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!pods(request).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pods left: " + pods(request).size());
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        admin.close();
        cluster.close();
    }
}
