package org.osc.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.k8s.WatchRecorder.Change;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.LabelSelector;
import org.osc.platform.api.PlatformException;
import org.osc.simcluster.SimCluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The connector following the simulated cluster (its own process, over HTTP): the informer cache answers as the
 * API server does, pod changes that matter reach the server's event service and those that do not are dropped,
 * OSC's VNF objects are reported per deployment spec, and an expired watch ends in a relist and a resync with
 * nothing missed. One cluster for the class; each test has its own namespace.
 */
class KubernetesWatchIT {

    @TempDir
    static Path workDir;
    static SimCluster cluster;
    static KubernetesClient admin;
    static KubernetesClients clients;
    static KubernetesPlatform platform;
    static KubernetesPlatform listing;
    static ConnectorInfo connector;
    static final WatchRecorder events = new WatchRecorder();

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        cluster = SimCluster.start(workDir);
        String kubeconfig = Files.readString(cluster.kubeconfigPath());
        admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
        connector = new ConnectorInfo(7, "sim", kubeconfig, null, null, null, null, false);
        clients = new KubernetesClients();
        platform = new KubernetesPlatform(clients);
        platform.bindWorkloadEvents(events);
        platform.bindDeploymentEvents(events.deployments);
        listing = new KubernetesPlatform(clients); // never watches: always asks the API server
        for (int i = 1; i <= 4; i++) {
            pod("cache", "web-" + i, Map.of("app", "web", "tier", i % 2 == 0 ? "front" : "back"));
        }
        pod("cache-b", "web-9", Map.of("app", "web"));
        pod("cache", "vnf-1", Map.of("app", "web", "app.kubernetes.io/managed-by", "osc",
                "osc.io/deployment-spec", "41"));
        platform.watch(connector);
        WatchRecorder.until("the first sync is reported",
                () -> events.resyncs.get() > 0 && platform.followed(connector));
        WatchRecorder.until("the Deployments' first sync is reported", () -> events.specResyncs.get() > 0);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
            listing.close();
            clients.close();
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theCacheAnswersAsTheApiServerDoes() throws Exception {
        WatchRecorder.until("every pod has its IP in the cache", () -> platform.followed(connector)
                && call(() -> platform.allWorkloads(connector, List.of("cache", "cache-b"))).stream()
                        .noneMatch(w -> w.ipAddresses().isEmpty()));
        List<List<LabelSelector>> selectors = List.of(List.of(LabelSelector.parse("app=web")),
                List.of(LabelSelector.parse("tier=front"), LabelSelector.parse("tier=back")),
                List.of(LabelSelector.parse("tier=none")));
        for (List<String> namespaces : List.of(List.<String>of(), List.of("cache"), List.of("cache-b", "other"))) {
            for (List<LabelSelector> selector : selectors) {
                assertEquals(new HashSet<>(listing.workloads(connector, selector, namespaces)),
                        new HashSet<>(platform.workloads(connector, selector, namespaces)),
                        selector + " in " + namespaces);
            }
            assertEquals(new HashSet<>(listing.allWorkloads(connector, namespaces)),
                    new HashSet<>(platform.allWorkloads(connector, namespaces)), "all in " + namespaces);
        }
        assertEquals(List.of("web-1", "web-2", "web-3", "web-4"), WatchRecorder.names(
                platform.workloads(connector, List.of(LabelSelector.parse("app=web")), List.of("cache"))),
                "OSC's VNF pod is never a member");
    }

    @Test
    void aPodsLifeIsReportedAsItHappensAndStatusOnlyChangesAreNot() throws Exception {
        long created = System.nanoTime();
        pod("life", "p-1", Map.of("app", "web"));
        Change added = events.await("p-1", c -> c.before() == null);
        long addLatency = (added.nanos() - created) / 1_000_000;
        Change ip = events.await("p-1", c -> c.after() != null && !c.after().ipAddresses().isEmpty());
        assertEquals(List.of(), ip.before().ipAddresses(), "the IP assignment, reported from no IP");
        WatchRecorder.until("the kubelet marks it Running", () -> "Running".equals(get("life", "p-1").getStatus()
                .getPhase()));

        edit("life", "p-1", p -> new PodBuilder(p).editMetadata().addToAnnotations("note", "not membership")
                .endMetadata().build());
        long relabelled = System.nanoTime();
        TestPods.label(admin, "life", "p-1", "app", "db");
        Change relabel = events.await("p-1", c -> c.after() != null && "db".equals(c.after().labels().get("app")));
        long relabelLatency = (relabel.nanos() - relabelled) / 1_000_000;
        assertEquals("web", relabel.before().labels().get("app"));

        long deleted = System.nanoTime();
        admin.pods().inNamespace("life").withName("p-1").delete();
        Change gone = events.await("p-1", c -> c.after() == null);
        assertEquals("db", gone.before().labels().get("app"));

        // Reports come in order on one thread: nothing was reported between the IP and the relabel, though the
        // kubelet's Running status and the annotation were both writes to the pod.
        List<Change> all = events.changes("p-1");
        assertEquals(List.of(added, ip, relabel, gone), all, "exactly the membership-relevant changes");
        all.forEach(c -> assertTrue(c.before() == null || !c.before().equals(c.after())));
        System.out.printf("event latency (write call start -> report): add %d ms, relabel %d ms, delete %d ms%n",
                addLatency, relabelLatency, (gone.nanos() - deleted) / 1_000_000);
    }

    @Test
    void osCsVnfObjectsAreReportedByDeploymentSpecAndNeverAsMembers() throws Exception {
        Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", "osc", "osc.io/deployment-spec", "42");
        admin.apps().deployments().inNamespace("vnf").resource(new DeploymentBuilder().withNewMetadata()
                .withName("osc-vnf-42").withNamespace("vnf").withLabels(labels).endMetadata().withNewSpec()
                .withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector().withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("vnf")
                .withImage("reg/vnf:1").endContainer().endSpec().endTemplate().endSpec().build()).create();
        WatchRecorder.until("the VNF pod runs with its IP", () -> admin.pods().inNamespace("vnf").list().getItems()
                .stream().anyMatch(p -> p.getStatus() != null && p.getStatus().getPodIP() != null));
        WatchRecorder.until("the spec is reported", () -> events.specs().contains(42L));
        assertTrue(platform.allWorkloads(connector, List.of("vnf")).isEmpty(), "VNF pods are never members");
        assertTrue(listing.allWorkloads(connector, List.of("vnf")).isEmpty(), "not when listed either");
        String vnfPod = admin.pods().inNamespace("vnf").list().getItems().get(0).getMetadata().getName();

        int edited = events.specs().size();
        admin.apps().deployments().inNamespace("vnf").withName("osc-vnf-42").patch(
                PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"by\":\"hand\"}}}");
        WatchRecorder.until("a hand edit of the Deployment alone is reported", () -> events.specs().size() > edited);

        int beforeUnready = events.specs().size();
        admin.pods().inNamespace("vnf").withName(vnfPod).editStatus(p -> {
            p.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                    .forEach(c -> c.setStatus("False"));
            return p;
        });
        WatchRecorder.until("the VNF pod's readiness lost is reported (its failure policy may apply)",
                () -> events.specs().size() > beforeUnready);

        int before = events.specs().size();

        admin.apps().deployments().inNamespace("vnf").withName("osc-vnf-42").delete();
        WatchRecorder.until("the deletion is reported", () -> events.specs().size() > before);
        assertTrue(events.specs().stream().allMatch(id -> id == 41L || id == 42L), events.specs().toString());
        assertTrue(events.changes(vnfPod).isEmpty(), "no membership report about a VNF pod");
        assertTrue(events.changes("vnf-1").isEmpty(), "nor about one made by hand with OSC's labels");
    }

    @Test
    void anExpiredWatchEndsInARelistAndAResyncWithNothingMissed() throws Exception {
        pod("expiry", "before-1", Map.of("app", "web"));
        events.await("before-1", c -> c.before() == null);
        int resyncs = events.resyncs.get();

        assertTrue(cluster.expireWatches() > 0, "the informers' watches were open");
        pod("expiry", "during-1", Map.of("app", "web"));
        admin.pods().inNamespace("expiry").withName("before-1").delete();

        WatchRecorder.until("a resync after the relist", () -> events.resyncs.get() > resyncs);
        WatchRecorder.until("the cache holds the pod created while expired and not the one deleted",
                () -> platform.followed(connector) && call(() -> WatchRecorder.names(platform.workloads(connector,
                        List.of(LabelSelector.parse("app=web")), List.of("expiry")))).equals(List.of("during-1")));
        assertEquals(new HashSet<>(listing.allWorkloads(connector, List.of())),
                new HashSet<>(platform.allWorkloads(connector, List.of())), "cache and API server agree");

        pod("expiry", "after-1", Map.of("app", "web"));
        assertNull(events.await("after-1", c -> true).before(), "the new watch reports as the old one did");
    }

    static void pod(String namespace, String name, Map<String, String> labels) {
        TestPods.create(admin, namespace, name, labels);
    }

    static void edit(String namespace, String name, UnaryOperator<Pod> change) {
        TestPods.edit(admin, namespace, name, change);
    }

    static Pod get(String namespace, String name) {
        return admin.pods().inNamespace(namespace).withName(name).get();
    }

    /** A platform query in a condition: its failure fails the wait. */
    interface Query<T> {
        T run() throws PlatformException;
    }

    static <T> T call(Query<T> query) {
        try {
            return query.run();
        } catch (PlatformException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
