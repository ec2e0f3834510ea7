package org.osc.k8s.deploy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.k8s.KubernetesClients;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.DeployedInstance;
import org.osc.platform.api.DeploymentRequest;
import org.osc.platform.api.PlatformException;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * The Kubernetes deployment target against the simulated cluster, a separate process reached over HTTP through
 * the kubeconfig it wrote, as a connector would reach a real cluster ({@link SimVnfCluster}). One cluster for the
 * class; each test has its own namespace and spec id. An admin client plays the operator who edits or deletes
 * things by hand.
 */
class KubernetesDeploymentTargetIT {

    @TempDir
    static Path workDir;
    static SimVnfCluster cluster;
    static KubernetesClients clients;
    static KubernetesDeploymentTarget target;

    @BeforeAll
    static void start() throws IOException {
        cluster = SimVnfCluster.start(workDir);
        clients = new KubernetesClients();
        target = new KubernetesDeploymentTarget(clients, "");
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void applyCreatesAHardenedDeploymentAndItsPolicy() throws PlatformException {
        DeploymentRequest request = cluster.request(cluster.namespace("create"), 2, "reg/vnf:1.0");
        target.apply(request);

        Deployment d = cluster.deployment(request);
        assertEquals("osc-vnf-" + request.specId(), d.getMetadata().getName());
        assertEquals(2, d.getSpec().getReplicas());
        assertEquals("osc", d.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertNotNull(d.getMetadata().getAnnotations().get(VnfLabels.SPEC_HASH));
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertEquals("regcred", pod.getImagePullSecrets().get(0).getName());
        var security = pod.getContainers().get(0).getSecurityContext();
        assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation());
        assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
        assertEquals("250m", pod.getContainers().get(0).getResources().getRequests().get("cpu").toString());

        NetworkPolicy policy = cluster.policy(request);
        assertNotNull(policy, "the policy comes with the Deployment");
        assertEquals(String.valueOf(request.specId()),
                policy.getSpec().getPodSelector().getMatchLabels().get("osc.io/deployment-spec"));
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
    }

    @Test
    void podsComeUpAndAreReturnedWithIps() throws Exception {
        DeploymentRequest request = cluster.request(cluster.namespace("pods"), 2, "reg/vnf:1.0");
        List<DeployedInstance> instances = awaitInstances(request, all -> all.size() == 2 && withIps(all));
        Set<String> uids = cluster.pods(request).stream().map(p -> p.getMetadata().getUid())
                .collect(Collectors.toSet());
        assertEquals(uids, instances.stream().map(DeployedInstance::podUid).collect(Collectors.toSet()));
        for (DeployedInstance instance : instances) {
            assertEquals(request.namespace(), instance.namespace());
            assertTrue(instance.name().startsWith("osc-vnf-" + request.specId() + "-"), instance.name());
            assertNull(instance.macAddress(), "Kubernetes reports no MAC");
        }
        assertTrue(instances.stream().allMatch(DeployedInstance::ready), "the kubelet reports them Ready");

        String unready = instances.get(0).name();
        SimVnfCluster.handEdit(() -> cluster.admin().pods().inNamespace(request.namespace()).withName(unready)
                .editStatus(p -> {
                    p.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                            .forEach(c -> c.setStatus("False"));
                    return p;
                }));
        List<DeployedInstance> after = awaitInstances(request,
                all -> all.stream().anyMatch(i -> i.name().equals(unready) && !i.ready()));
        assertEquals(1, after.stream().filter(i -> !i.ready()).count(), "only the pod whose probe fails: " + after);
    }

    @Test
    void applyingAnUnchangedSpecWritesNothing() throws Exception {
        DeploymentRequest request = cluster.request(cluster.namespace("idem"), 2, "reg/vnf:1.0");
        awaitInstances(request, all -> all.size() == 2 && withIps(all));
        // Let the simulated controller finish its status writes, which change the resourceVersion too.
        cluster.awaitDeployment(request, d -> d.getStatus() != null
                && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()));
        Deployment before = cluster.deployment(request);
        String policyVersion = cluster.policy(request).getMetadata().getResourceVersion();

        target.apply(request);

        Deployment after = cluster.deployment(request);
        assertNotNull(before.getMetadata().getGeneration(), "the cluster counts spec changes");
        assertEquals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion());
        assertEquals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration());
        assertEquals(policyVersion, cluster.policy(request).getMetadata().getResourceVersion());
    }

    @Test
    void scaleAndImageChangesConvergeWithoutRecreating() throws Exception {
        DeploymentRequest two = cluster.request(cluster.namespace("change"), 2, "reg/vnf:1.0");
        awaitInstances(two, all -> all.size() == 2 && withIps(all));
        String uid = cluster.deployment(two).getMetadata().getUid();

        DeploymentRequest three = SimVnfCluster.withCount(two, 3);
        awaitInstances(three, all -> all.size() == 3 && withIps(all));
        assertEquals(3, cluster.deployment(three).getSpec().getReplicas());
        assertEquals(uid, cluster.deployment(three).getMetadata().getUid(), "scaled, not recreated");

        long generation = cluster.deployment(three).getMetadata().getGeneration();
        DeploymentRequest newImage = SimVnfCluster.withImage(three, "reg/vnf:2.0");
        target.apply(newImage);
        assertEquals(generation + 1, cluster.deployment(newImage).getMetadata().getGeneration(), "one template write");
        assertEquals("reg/vnf:2.0", cluster.deployment(newImage).getSpec().getTemplate().getSpec().getContainers()
                .get(0).getImage());
        assertEquals(uid, cluster.deployment(newImage).getMetadata().getUid(), "updated, not recreated");
        awaitInstances(newImage, all -> all.size() == 3 && withIps(all) && cluster.pods(newImage).stream()
                .allMatch(p -> "reg/vnf:2.0".equals(p.getSpec().getContainers().get(0).getImage())));
    }

    @Test
    void handEditsAndHandDeletionAreRepaired() throws Exception {
        DeploymentRequest request = cluster.request(cluster.namespace("repair"), 1, "reg/vnf:1.0");
        target.apply(request);
        String name = "osc-vnf-" + request.specId();
        var deployments = cluster.admin().apps().deployments().inNamespace(request.namespace());
        SimVnfCluster.handEdit(() -> deployments.withName(name).edit(d -> new DeploymentBuilder(d).editSpec()
                .editTemplate().editSpec().editFirstContainer().withImage("evil/vnf").editSecurityContext()
                .withAllowPrivilegeEscalation(true).endSecurityContext().endContainer().endSpec().endTemplate()
                .endSpec().build()));
        var policies = cluster.admin().network().v1().networkPolicies().inNamespace(request.namespace());
        SimVnfCluster.handEdit(() -> policies.withName(name).edit(p -> {
            p.getSpec().setEgress(List.of());
            p.getSpec().setPolicyTypes(List.of("Ingress"));
            return p;
        }));

        target.apply(request);
        var container = cluster.deployment(request).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("reg/vnf:1.0", container.getImage());
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("Ingress", "Egress"), cluster.policy(request).getSpec().getPolicyTypes());

        String uid = cluster.deployment(request).getMetadata().getUid();
        deployments.withName(name).delete();
        cluster.awaitDeployment(request, d -> d == null);
        target.apply(request);
        assertNotEquals(uid, cluster.deployment(request).getMetadata().getUid(), "recreated");
        awaitInstances(request, all -> all.size() == 1 && withIps(all));
    }

    @Test
    void removeDeletesEverythingAndIsANoOpTheSecondTime() throws Exception {
        DeploymentRequest request = cluster.request(cluster.namespace("remove"), 2, "reg/vnf:1.0");
        awaitInstances(request, all -> all.size() == 2);
        target.remove(request);
        assertNull(cluster.deployment(request));
        assertNull(cluster.policy(request));
        cluster.awaitNoPods(request); // the pods go with their Deployment
        assertDoesNotThrow(() -> target.remove(request));
        assertDoesNotThrow(() -> target.remove(cluster.request("never-created", 1, "reg/vnf:1.0")));
    }

    @Test
    void foreignObjectsAreNotTakenOver() throws PlatformException {
        DeploymentRequest request = cluster.request(cluster.namespace("foreign"), 1, "reg/vnf:1.0");
        cluster.admin().apps().deployments().inNamespace(request.namespace()).resource(new DeploymentBuilder()
                .withNewMetadata().withName("osc-vnf-" + request.specId()).endMetadata().withNewSpec().withReplicas(0)
                .withNewSelector().addToMatchLabels("app", "theirs").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "theirs").endMetadata().withNewSpec().addNewContainer().withName("c")
                .withImage("theirs").endContainer().endSpec().endTemplate().endSpec().build()).create();
        PlatformException e = assertThrows(PlatformException.class, () -> target.apply(request));
        assertTrue(e.getMessage().contains("not made by OSC"), e.getMessage());
        assertNull(cluster.policy(request), "a refusal writes nothing");
        target.remove(request);
        assertNotNull(cluster.deployment(request), "remove leaves someone else's Deployment alone");
    }

    @Test
    void aMissingNamespaceIsAReadableFailure() {
        PlatformException e = assertThrows(PlatformException.class,
                () -> target.apply(cluster.request("nowhere", 1, "reg/vnf:1.0")));
        assertTrue(e.getMessage().contains("'k1'") && e.getMessage().contains("namespace 'nowhere' does not exist"),
                e.getMessage());
    }

    @Test
    void anUnreachableClusterIsAReadableFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ConnectorInfo gone = new ConnectorInfo(2, "gone", null, null, "http://127.0.0.1:" + closedPort, "t", null,
                false);
        DeploymentRequest request = SimVnfCluster.request(gone, "shop");
        long start = System.nanoTime();
        PlatformException e = assertThrows(PlatformException.class, () -> target.apply(request));
        assertTrue(e.getMessage().startsWith("Cluster of virtualization connector 'gone' could not be reached to read"),
                e.getMessage());
        assertTrue(e.getMessage().contains("namespace 'shop'"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "fails within seconds");
        assertThrows(PlatformException.class, () -> target.remove(request));
    }

    private static boolean withIps(List<DeployedInstance> instances) {
        return instances.stream().allMatch(i -> i.ipAddress() != null);
    }

    /** Applies until the returned instances satisfy the condition, as the reconciler would on its retries. */
    private static List<DeployedInstance> awaitInstances(DeploymentRequest request,
            Predicate<List<DeployedInstance>> condition) throws Exception {
        long deadline = System.nanoTime() + SimVnfCluster.WAIT.toNanos();
        List<DeployedInstance> instances = target.apply(request);
        while (!condition.test(instances)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instances never got there: " + instances);
            }
            Thread.sleep(50);
            instances = target.apply(request);
        }
        return instances;
    }
}
