package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.itests.dist.OscRest.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.itests.TestTrust;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code /metrics} of the distribution run as a process on the simulated cluster with the sample plugins: it asks
 * for credentials (unless {@code OSC_METRICS_OPEN=true}), parses with a strict text-format reader, its reconcile and
 * membership programming histograms count a pod created or relabelled into a group, its state gauges agree with
 * what REST shows, and its REST series are labelled by route template, never by a path with ids.
 */
class MetricsIT {

    private static final String PASSWORD = "metrics-admin-pass";
    private static final Duration FOLLOW = Duration.ofSeconds(30);
    private static final Map<String, String> GROUPS = Map.of("controller", "security_group");

    @TempDir
    static Path folder;
    static TestCluster cluster;
    static DistributionProcess server;
    static OscRest osc;
    static String shop;
    static long vc;
    static long vs;
    static long sg;
    private static final HttpClient HTTP = TestTrust.client();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(folder.resolve("cluster"));
        shop = cluster.namespace("shop");
        cluster.createNamespace(shop);
        cluster.createPod(shop, "web-1", Map.of("app", "web"));
        cluster.createPod(shop, "db-1", Map.of("app", "db"));

        server = new DistributionProcess(folder.resolve("osc"), PASSWORD);
        server.start();
        osc = new OscRest(server.url(), PASSWORD);
        OscRest.within(Duration.ofSeconds(60), "the distribution's three plugins loaded",
                () -> osc.get("server/v1/plugins").path("items").size() == 3, () -> osc.get("server/v1/plugins"));
        vc = osc.post(201, "server/v1/virtualizationConnectors", json(Map.of("name", "cluster", "type", "KUBERNETES",
                "controllerType", "SampleSdn", "kubeconfig", cluster.kubeconfig()))).path("id").asLong();
        SampleAppliance appliance = SampleAppliance.create(osc, vc, "metrics-inspector", Map.of());
        vs = appliance.virtualSystem();
        osc.passedJobOf(osc.post(201, "server/v1/virtualSystems/" + vs + "/deploymentSpecs",
                json(Map.of("name", "vnf", "namespace", shop, "count", 1))));
        sg = osc.passedJobOf(osc.post(201, "server/v1/virtualizationConnectors/" + vc + "/securityGroups",
                json(Map.of("name", "web", "namespaces", List.of(shop))))).path("id").asLong();
        osc.passedJobOf(osc.put(200, group().path() + "/members",
                json(List.of(Map.of("name", "web", "type", "LABEL", "label", "app=web")))));
        expectMembers(Set.of("web-1"));
        osc.passedJobOf(osc.put(200, group().path() + "/bindings", json(List.of(Map.of("virtualSystemId", vs,
                "name", "inspect-web", "policyIds", List.of(appliance.policy()), "order", 1,
                "failurePolicyType", "FAIL_CLOSE")))));
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
    void metricsNeedTheCredentialsOfAUserAdminOrAuditor() {
        HttpResponse<String> anonymous = get(server, null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        double failures = scrape().value("osc_login_failures_total", Map.of("endpoint", "metrics"));

        assertEquals(401, get(server, basic("admin", "not-the-password")).statusCode());
        assertEquals(failures + 1, scrape().value("osc_login_failures_total", Map.of("endpoint", "metrics")),
                "a refused password is a login failure");

        osc.post(201, "server/v1/users", json(Map.of("name", "prometheus", "password", "scraper-pass-1",
                "role", "auditor")));
        HttpResponse<String> auditor = get(server, basic("prometheus", "scraper-pass-1"));
        assertEquals(200, auditor.statusCode(), auditor.body());
        assertTrue(auditor.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        PrometheusText.parse(auditor.body());
    }

    @Test
    void aPodCreatedOrRelabelledIntoAGroupMovesTheReconcileAndMembershipHistograms() {
        PrometheusText before = scrape();
        cluster.createPod(shop, "web-2", Map.of("app", "web"));
        expectMembers(Set.of("web-1", "web-2"));
        PrometheusText created = scrape();
        assertMoved(before, created, "a pod created");

        cluster.label(shop, "db-1", "app", "web");
        expectMembers(Set.of("web-1", "web-2", "db-1"));
        PrometheusText relabelled = scrape();
        assertMoved(created, relabelled, "a pod relabelled");

        double seconds = relabelled.sum("osc_membership_programming_duration_seconds_sum", Map.of())
                / relabelled.sum("osc_membership_programming_duration_seconds_count", Map.of());
        System.out.printf("METRICS membership programming: %.0f events, mean %.1f ms%n",
                relabelled.sum("osc_membership_programming_duration_seconds_count", Map.of()), seconds * 1000);
        assertTrue(seconds < FOLLOW.toSeconds(), "within the time the test waited");
    }

    @Test
    void theStateGaugesAgreeWithRest() {
        OscRest.within(Duration.ofSeconds(20), "the gauges (cached 5 s) show what REST shows", () -> {
            PrometheusText metrics = scrape();
            long groups = osc.get("server/v1/virtualizationConnectors/" + vc + "/securityGroups").path("items")
                    .size();
            List<JsonNode> instances = StreamSupport.stream(osc.get("server/v1/virtualSystems/" + vs
                    + "/distributedApplianceInstances").path("items").spliterator(), false).toList();
            long ready = instances.stream().filter(i -> i.path("inspectionReady").asBoolean()
                    && i.path("podReady").asBoolean()).count();
            long hooks = StreamSupport.stream(osc.get(group().path() + "/bindings").path("items").spliterator(), false)
                    .filter(b -> b.hasNonNull("inspectionHookId")).count();
            return ready == 1 && hooks == 1 && metrics.value("osc_security_groups", Map.of()) == groups
                    && metrics.value("osc_inspection_hooks", Map.of("failure_policy", "FAIL_CLOSE")) == hooks
                    && metrics.value("osc_inspection_hooks", Map.of("failure_policy", "FAIL_OPEN")) == 0
                    && metrics.value("osc_vnf_instances", Map.of("ready", "true")) == ready
                    && metrics.value("osc_vnf_instances", Map.of("ready", "false")) == instances.size() - ready
                    && metrics.value("osc_protected_pods", Map.of()) == group().memberPorts().size()
                    && metrics.sum("osc_plugins", Map.of("state", "READY")) == 3
                    && metrics.value("osc_jobs", Map.of("state", "PASSED")) > 0;
        }, () -> scrape().samples("osc_security_groups") + " " + scrape().samples("osc_vnf_instances") + " "
                + scrape().samples("osc_inspection_hooks") + " " + osc.get(group().path() + "/bindings") + " "
                + scrape().samples("osc_protected_pods") + " " + scrape().samples("osc_plugins"));
    }

    @Test
    void everyFamilyIsThereAndRestSeriesAreLabelledByRouteTemplate() {
        PrometheusText metrics = scrape();
        for (String family : List.of("osc_reconcile_total", "osc_reconcile_errors_total", "osc_workqueue_adds_total",
                "osc_workqueue_retries_total", "osc_login_failures_total")) {
            assertEquals("counter", metrics.type(family), family);
        }
        for (String family : List.of("osc_reconcile_time_seconds", "osc_workqueue_queue_duration_seconds",
                "osc_membership_programming_duration_seconds", "osc_http_request_duration_seconds")) {
            assertEquals("histogram", metrics.type(family), family);
        }
        for (String family : List.of("osc_workqueue_depth", "osc_security_groups", "osc_protected_pods",
                "osc_inspection_hooks", "osc_vnf_instances", "osc_jobs", "osc_plugins", "jvm_memory_used_bytes",
                "jvm_threads_current")) {
            assertEquals("gauge", metrics.type(family), family);
        }
        // requests with ids in their paths, answered 200 and 404
        osc.get(group().path());
        assertEquals(404, osc.status("server/v1/virtualizationConnectors/" + vc + "/securityGroups/987654"));
        PrometheusText after = scrape();
        Set<String> routes = new TreeSet<>();
        after.samples("osc_http_request_duration_seconds_count").forEach(s -> routes.add(s.labels().get("route")));
        String template = "/api/server/v1/virtualizationConnectors/{vcId}/securityGroups/{sgId}";
        assertTrue(after.value("osc_http_request_duration_seconds_count", Map.of("method", "GET", "route", template,
                "status", "200")) >= 1, "" + routes);
        assertTrue(after.value("osc_http_request_duration_seconds_count", Map.of("method", "GET", "route", template,
                "status", "404")) >= 1, "the unknown group's 404 under the same template: " + routes);
        assertFalse(routes.stream().anyMatch(r -> r.matches(".*/[0-9]+(/.*)?")), "no route with an id: " + routes);
    }

    @Test
    void withMetricsOpenAScraperNeedsNoCredentials() throws Exception {
        try (DistributionProcess open = new DistributionProcess(folder.resolve("open"), PASSWORD)) {
            open.env("OSC_METRICS_OPEN", "true").start();
            HttpResponse<String> anonymous = get(open, null);
            assertEquals(200, anonymous.statusCode(), anonymous.body());
            assertEquals("counter", PrometheusText.parse(anonymous.body()).type("osc_reconcile_total"));
        }
    }

    private static void assertMoved(PrometheusText before, PrometheusText after, String what) {
        assertTrue(after.sum("osc_reconcile_total", Map.of("controller", "security_group", "result", "success"))
                > before.sum("osc_reconcile_total", Map.of("controller", "security_group", "result", "success")),
                what + ": the group's reconcile is counted");
        assertTrue(after.sum("osc_reconcile_time_seconds_count", GROUPS)
                > before.sum("osc_reconcile_time_seconds_count", GROUPS), what + ": and timed");
        assertTrue(after.sum("osc_membership_programming_duration_seconds_count", Map.of())
                > before.sum("osc_membership_programming_duration_seconds_count", Map.of()),
                what + ": the membership programming histogram counts it");
        assertTrue(after.sum("osc_workqueue_adds_total", Map.of("name", "reconcile"))
                > before.sum("osc_workqueue_adds_total", Map.of("name", "reconcile")), what + ": the queue saw it");
    }

    private static void expectMembers(Set<String> pods) {
        Set<String> wanted = new TreeSet<>();
        pods.forEach(p -> wanted.add(shop + "/" + p));
        OscRest.within(FOLLOW, "the group's members are " + wanted, () -> group().memberNames().equals(wanted)
                && group().memberPorts().equals(group().portGroupMembers())
                && group().memberPorts().size() == pods.size(),
                () -> group().memberNames() + " " + group().portGroupMembers());
    }

    private static GroupView group() {
        return new GroupView(osc, vc, sg);
    }

    private static PrometheusText scrape() {
        HttpResponse<String> reply = get(server, basic("admin", PASSWORD));
        assertEquals(200, reply.statusCode(), reply.body());
        return PrometheusText.parse(reply.body());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(DistributionProcess target, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url() + "/metrics"))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
