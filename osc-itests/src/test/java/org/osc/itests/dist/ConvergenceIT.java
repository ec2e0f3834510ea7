package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.itests.dist.OscRest.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reconcile loop converging by itself, seen from outside: the distribution as a process with the sample
 * plugins, a cluster changed as its users would, and no REST call to OSC between a fault and its repair. The SDN
 * controller's outages and drifts are made through the sample plugin's own admin view ({@code plugins/sample/sdn/...}),
 * which stands for the controller's side, not OSC's API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConvergenceIT {

    private static final String PASSWORD = "convergence-admin";
    private static final Duration FOLLOW = Duration.ofSeconds(30);

    @TempDir
    static Path folder;
    static TestCluster cluster;
    static DistributionProcess server;
    static OscRest osc;
    static String ns;
    static long vc;
    static long sg;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(folder.resolve("cluster"));
        ns = cluster.namespace("conv");
        cluster.createNamespace(ns);
        cluster.createPod(ns, "web-1", Map.of("app", "web"));
        server = new DistributionProcess(folder.resolve("osc"), PASSWORD);
        server.start();
        osc = new OscRest(server.url(), PASSWORD);
        OscRest.within(Duration.ofSeconds(60), "the distribution's three plugins loaded",
                () -> osc.get("server/v1/plugins").path("items").size() == 3, () -> osc.get("server/v1/plugins"));
        vc = osc.post(201, "server/v1/virtualizationConnectors", json(Map.of("name", "cluster", "type", "KUBERNETES",
                "controllerType", "SampleSdn", "kubeconfig", cluster.kubeconfig()))).path("id").asLong();
        sg = osc.passedJobOf(osc.post(201, "server/v1/virtualizationConnectors/" + vc + "/securityGroups",
                json(Map.of("name", "web", "namespaces", List.of(ns))))).path("id").asLong();
        osc.passedJobOf(osc.put(200, group().path() + "/members", json(List.of(Map.of("name", "web", "type", "LABEL",
                "label", "app=web")))));
        expectExact("the first pod", Set.of("web-1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aReconcileThatFailedWhileTheSdnControllerWasDownIsRetriedByItselfWithinTwoSecondsOfItsReturn()
            throws Exception {
        int writes = osc.writes();
        long lastJob = newestJobId();
        setReachable(false);
        cluster.createPod(ns, "web-2", Map.of("app", "web"));
        cluster.createPod(ns, "web-3", Map.of("app", "web"));
        Thread.sleep(10_000);

        JsonNode group = osc.get(group().path());
        assertEquals("FAILED", group.path("lastJobStatus").asText(), group.toString());
        assertFalse(group.path("nextRetryAt").isNull(), "the group shows when it is retried: " + group);
        List<JsonNode> failed = jobsAfter(lastJob, "FAILED");
        assertFalse(failed.isEmpty());
        for (JsonNode job : failed) {
            String reason = job.path("failureReason").asText();
            assertTrue(reason.contains("sample SDN controller is set unreachable") && reason.contains(". Retry ")
                    && reason.contains(" (at "), reason);
        }
        assertTrue(failed.size() <= 12, "backed off, not a retry loop: " + failed.size() + " jobs in 10 s");

        long back = System.nanoTime();
        setReachable(true);
        expectExact("the pods that came during the outage", Set.of("web-1", "web-2", "web-3"));
        long millis = (System.nanoTime() - back) / 1_000_000;
        System.out.printf("CONVERGENCE SDN back -> port group exact: %d ms (%d failed jobs during the 10 s outage)%n",
                millis, failed.size());
        assertTrue(millis <= 2000, "converged " + millis + " ms after the controller came back");
        OscRest.within(FOLLOW, "the retry shown on the group is gone",
                () -> osc.get(group().path()).path("nextRetryAt").isNull(), () -> osc.get(group().path()));
        assertEquals(writes + 2, osc.writes(), "no REST call to OSC: only the two switches of the controller");
    }

    @Test
    @Order(2)
    void aPortTheControllerChangedIsPushedAndTheGroupFollowsAtOnce() throws Exception {
        int writes = osc.writes();
        String before = memberPort("web-2");
        String pod = ns + "/web-2";
        osc.put(200, "plugins/sample/sdn/ports/" + ns + "/web-2", json(Map.of("portId", "moved-" + before,
                "macAddress", "0a:00:00:00:0b:02", "ipAddresses", List.of(podIp("web-2")))));
        long start = System.nanoTime();
        OscRest.within(FOLLOW, "the pushed port in the port group", () -> group().portGroupMembers().contains("moved-"
                + before) && !group().portGroupMembers().contains(before), () -> group().portGroupMembers() + " for " + pod);
        System.out.printf("CONVERGENCE pushed port change -> port group write: %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        expectExact("all pods, one with its new port", Set.of("web-1", "web-2", "web-3"));
        assertEquals(writes + 1, osc.writes(), "no REST call to OSC: only the controller's change");
    }

    @Test
    @Order(3)
    void aPortGroupDeletedBehindOscsBackIsRegisteredAgainAtOnce() {
        String id = group().portGroup().path("id").asText();
        osc.delete(204, "plugins/sample/sdn/port-groups/" + id);
        expectExact("the port group is back with every pod", Set.of("web-1", "web-2", "web-3"));
    }

    @Test
    @Order(4)
    void aPluginRemovedAndInstalledAgainMakesTheGroupsThatUseItConverge() throws Exception {
        int writes = osc.writes();
        Path jar = server.home().resolve("plugins").resolve("sdn-sample-plugin.jar");
        Path aside = folder.resolve("sdn-sample-plugin.jar");
        Files.move(jar, aside, StandardCopyOption.REPLACE_EXISTING);
        OscRest.within(FOLLOW, "the SDN plugin gone", () -> osc.get("server/v1/plugins").path("items").size() == 2,
                () -> osc.get("server/v1/plugins"));
        cluster.createPod(ns, "web-4", Map.of("app", "web"));
        OscRest.within(FOLLOW, "the group's reconcile fails, saying why", () -> {
            JsonNode group = osc.get(group().path());
            return "FAILED".equals(group.path("lastJobStatus").asText()) && !group.path("nextRetryAt").isNull();
        }, () -> osc.get(group().path()));

        Files.move(aside, jar);
        expectExact("every pod, once the plugin is back", Set.of("web-1", "web-2", "web-3", "web-4"));
        assertEquals(writes, osc.writes(), "no REST call");
    }

    // --- what OSC and the SDN controller show

    private static void setReachable(boolean reachable) {
        osc.put(200, "plugins/sample/sdn/reachable", json(Map.of("reachable", reachable)));
    }

    private static void expectExact(String description, Set<String> pods) {
        Set<String> wanted = new TreeSet<>();
        pods.forEach(p -> wanted.add(ns + "/" + p));
        OscRest.within(FOLLOW, description, () -> {
            Set<String> ports = group().memberPorts();
            return group().memberNames().equals(wanted) && ports.size() == wanted.size() && ports.equals(group().portGroupMembers());
        }, () -> "members " + group().memberNames() + ", their ports " + group().memberPorts() + ", SDN port group "
                + group().portGroupMembers());
    }

    private static long newestJobId() {
        JsonNode items = osc.get("server/v1/jobs?limit=1").path("items");
        return items.isEmpty() ? 0 : items.get(0).path("id").asLong();
    }

    private static List<JsonNode> jobsAfter(long id, String status) {
        List<JsonNode> jobs = new ArrayList<>();
        for (JsonNode job : osc.get("server/v1/jobs?limit=500").path("items")) {
            if (job.path("id").asLong() > id && status.equals(job.path("status").asText())) {
                jobs.add(job);
            }
        }
        return jobs;
    }

    private static String memberPort(String pod) {
        for (JsonNode member : osc.get(group().path() + "/members").path("items")) {
            if (member.path("name").asText().equals(pod)) {
                return member.path("ports").get(0).path("portId").asText();
            }
        }
        throw new AssertionError("no member " + pod);
    }

    private static String podIp(String pod) {
        for (JsonNode member : osc.get(group().path() + "/members").path("items")) {
            if (member.path("name").asText().equals(pod)) {
                return member.path("ports").get(0).path("ipAddresses").get(0).asText();
            }
        }
        throw new AssertionError("no member " + pod);
    }

    private static GroupView group() {
        return new GroupView(osc, vc, sg);
    }
}
