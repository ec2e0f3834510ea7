package org.osc.simcluster;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated controller and kubelet, driven with the real fabric8 client over HTTP through the kubeconfig the
 * simulator wrote (default client settings, as OSC's connector would use them). Each test has its own namespace.
 */
class SimClusterIT {

    @TempDir
    static Path workDir;
    static SimCluster cluster;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(workDir, SimClusterOptions.defaults());
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(cluster.kubeconfigPath()))).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static Deployment deployment(String namespace, String name, int replicas, String image) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).addToLabels("tier", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    /** Running pods owned by the deployment, as the API server has them now. */
    static List<Pod> runningPodsOf(KubernetesClient client, Deployment deployment) {
        String uid = deployment.getMetadata().getUid();
        return client.pods().inNamespace(deployment.getMetadata().getNamespace()).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences().stream().anyMatch(r -> uid.equals(r.getUid())))
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                        && p.getStatus().getPodIP() != null)
                .collect(Collectors.toList());
    }

    static String names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName() + "@" + p.getStatus().getPodIP())
                .collect(Collectors.joining(", "));
    }

    private Deployment createAndAwait(String namespace, String name, int replicas) {
        Deployment created = client.apps().deployments().inNamespace(namespace)
                .resource(deployment(namespace, name, replicas, "nginx:1.27")).create();
        Await.until(replicas + " running pods of " + name, () -> runningPodsOf(client, created).size() == replicas,
                () -> names(runningPodsOf(client, created)));
        return created;
    }

    @Test
    void deploymentGetsRunningPodsWithIpsOwnerRefsAndTemplateLabels() {
        Deployment created = createAndAwait("it-create", "web", 2);

        List<Pod> pods = runningPodsOf(client, created);
        Set<String> ips = new HashSet<>();
        for (Pod pod : pods) {
            OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
            assertEquals("Deployment", owner.getKind());
            assertEquals("web", owner.getName());
            assertEquals(Boolean.TRUE, owner.getController());
            assertEquals("web", pod.getMetadata().getLabels().get("app"));
            assertEquals("web", pod.getMetadata().getLabels().get("tier"));
            String hash = pod.getMetadata().getLabels().get("pod-template-hash");
            assertNotNull(hash);
            assertTrue(pod.getMetadata().getName().startsWith("web-" + hash + "-"), pod.getMetadata().getName());
            assertNotNull(pod.getMetadata().getUid());
            assertTrue(pod.getStatus().getPodIP().startsWith("10.244."), pod.getStatus().getPodIP());
            assertTrue(pod.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
            ips.add(pod.getStatus().getPodIP());
        }
        assertEquals(2, ips.size(), "pod IPs must be unique");
        Await.until("deployment status to report 2 ready replicas", () -> {
            Deployment d = client.apps().deployments().inNamespace("it-create").withName("web").get();
            return d.getStatus() != null && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas())
                    && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas())
                    && Integer.valueOf(2).equals(d.getStatus().getReplicas());
        });
    }

    @Test
    void podDeletedByHandIsReplaced() {
        Deployment created = createAndAwait("it-replace", "web", 2);
        Pod victim = runningPodsOf(client, created).get(0);

        client.pods().inNamespace("it-replace").withName(victim.getMetadata().getName()).delete();

        Await.until("a replacement pod", () -> {
            List<Pod> pods = runningPodsOf(client, created);
            return pods.size() == 2 && pods.stream().noneMatch(p -> p.getMetadata().getUid()
                    .equals(victim.getMetadata().getUid()));
        }, () -> names(runningPodsOf(client, created)));
    }

    @Test
    void scalingAddsAndRemovesPods() {
        Deployment created = createAndAwait("it-scale", "web", 2);

        client.apps().deployments().inNamespace("it-scale").withName("web").scale(3);
        Await.until("3 pods", () -> runningPodsOf(client, created).size() == 3,
                () -> names(runningPodsOf(client, created)));

        client.apps().deployments().inNamespace("it-scale").withName("web").scale(1);
        Await.until("1 pod", () -> runningPodsOf(client, created).size() == 1,
                () -> names(runningPodsOf(client, created)));
    }

    @Test
    void changedTemplateRollsThePods() {
        Deployment created = createAndAwait("it-roll", "web", 2);
        Set<String> before = runningPodsOf(client, created).stream().map(p -> p.getMetadata().getUid())
                .collect(Collectors.toSet());

        // edit() patches against the version it read; the simulated controller may write the Deployment's status
        // in between (409), and then, as any client does, the edit is made again on the newer version
        for (int attempt = 1;; attempt++) {
            try {
                client.apps().deployments().inNamespace("it-roll").withName("web").edit(d -> new DeploymentBuilder(d)
                        .editSpec().editTemplate().editSpec().editFirstContainer().withImage("nginx:1.28")
                        .endContainer().endSpec().endTemplate().endSpec().build());
                break;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }

        Await.until("2 pods of the new template and none of the old", () -> {
            List<Pod> pods = runningPodsOf(client, created);
            return pods.size() == 2 && pods.stream().allMatch(p -> !before.contains(p.getMetadata().getUid())
                    && "nginx:1.28".equals(p.getSpec().getContainers().get(0).getImage()));
        }, () -> names(runningPodsOf(client, created)));
    }

    @Test
    void deletingTheDeploymentDeletesItsPods() {
        Deployment created = createAndAwait("it-gc", "web", 2);

        client.apps().deployments().inNamespace("it-gc").withName("web").delete();

        Await.until("no pods left", () -> client.pods().inNamespace("it-gc").list().getItems().isEmpty(),
                () -> names(runningPodsOf(client, created)));
    }

    @Test
    void standalonePodGetsAnIpAndRuns() {
        Pod pod = client.pods().inNamespace("it-standalone").resource(new PodBuilder()
                .withNewMetadata().withName("workload").withLabels(Map.of("app", "shop", "tier", "db")).endMetadata()
                .withNewSpec().addNewContainer().withName("db").withImage("postgres:16").endContainer().endSpec()
                .build()).create();
        assertNotEquals("Running", pod.getStatus() == null ? null : pod.getStatus().getPhase(),
                "a new pod starts Pending, like on a real cluster");

        Await.until("the pod to run", () -> {
            Pod p = client.pods().inNamespace("it-standalone").withName("workload").get();
            return p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                    && p.getStatus().getPodIP() != null;
        });
        assertEquals(1, client.pods().inNamespace("it-standalone").withLabel("app", "shop").list().getItems().size());
        assertEquals(0, client.pods().inNamespace("it-standalone").withLabel("app", "web").list().getItems().size());
    }
}
