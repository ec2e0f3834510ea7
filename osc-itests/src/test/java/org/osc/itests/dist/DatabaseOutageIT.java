package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.itests.dist.OscRest.json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.itests.TestTrust;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The database going away under a running server, and coming back, on H2 and on PostgreSQL (see
 * {@link TestDatabase}): the server reaches its database through a TCP relay that the test cuts (every connection
 * is closed and new ones are refused, as when the database host or the network goes down) and restores. While the
 * database cannot be reached, the status says {@code ready: false} and requests, reads and writes, answer 503 with
 * {@code Retry-After} within a second instead of waiting; a write answered so leaves nothing behind. Pods created
 * and relabelled in the cluster meanwhile are not lost: once the database is back, the group's port group on the
 * SDN controller is exact within seconds, with no REST call and long before the periodic resync; everything
 * answers again without a restart.
 */
class DatabaseOutageIT {

    private static final String PASSWORD = "outage-test-admin";
    /** How long a request may take while the database is away. */
    private static final Duration QUICK = Duration.ofSeconds(1);
    /** How long the database stays away after the pod changes. */
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    /**
     * How long OSC may take, once the database is back, to apply what the cluster did meanwhile: its pool
     * reconnects (HikariCP tries again at most 5 s apart after a long outage), the objects that waited for the
     * database are reconciled within a second of that; the rest is a loaded machine's margin.
     */
    private static final Duration CATCH_UP = Duration.ofSeconds(15);

    @TempDir
    Path folder;

    private final HttpClient client = TestTrust.builder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void whileTheDatabaseIsAwayRequestsAnswer503AtOnceAndNoClusterEventIsLost(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.start(kind, folder).relayed();
                TestCluster cluster = TestCluster.start(folder.resolve("cluster"));
                DistributionProcess server = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            String shop = cluster.namespace("shop");
            cluster.createNamespace(shop);
            cluster.createPod(shop, "web-1", Map.of("app", "web"));
            cluster.createPod(shop, "db-1", Map.of("app", "db"));
            database.configure(server);
            server.start();
            try {
                outage(kind, database, cluster, server, shop);
            } catch (AssertionError | RuntimeException e) {
                // what the server did, to tell why
                System.out.println("OUTAGE " + kind + " server log:\n" + Files.readString(server.home()
                        .resolve("data/logs/osc.log")).lines().filter(line -> !line.contains("Answered 503"))
                        .collect(Collectors.joining("\n")));
                throw e;
            }
        }
    }

    private void outage(String kind, TestDatabase database, TestCluster cluster, DistributionProcess server,
            String shop) throws Exception {
        OscRest osc = new OscRest(server.url(), PASSWORD);
        OscRest.within(Duration.ofSeconds(60), "the distribution's three plugins loaded",
                () -> osc.get("server/v1/plugins").path("items").size() == 3, () -> osc.get("server/v1/plugins"));
        long vc = osc.post(201, "server/v1/virtualizationConnectors", json(Map.of("name", "cluster", "type",
                "KUBERNETES", "controllerType", "SampleSdn", "kubeconfig", cluster.kubeconfig()))).path("id")
                .asLong();
        String groups = "server/v1/virtualizationConnectors/" + vc + "/securityGroups";
        long sg = osc.passedJobOf(osc.post(201, groups, json(Map.of("name", "web", "namespaces", List.of(shop)))))
                .path("id").asLong();
        GroupView group = new GroupView(osc, vc, sg);
        String members = json(List.of(Map.of("name", "web", "type", "LABEL", "label", "app=web")));
        osc.passedJobOf(osc.put(200, group.path() + "/members", members));
        // The server follows the cluster (the connector is polled for every few seconds): a pod created now
        // joins without a REST call.
        cluster.createPod(shop, "web-0", Map.of("app", "web"));
        OscRest.within(Duration.ofSeconds(30), "the server follows the cluster",
                () -> exact(group, shop, Set.of("web-0", "web-1")), () -> state(group));
        // A second group, written just before the outage: no pod change has been routed with it yet.
        long dbSg = osc.passedJobOf(osc.post(201, groups, json(Map.of("name", "db", "namespaces",
                List.of(shop))))).path("id").asLong();
        GroupView dbGroup = new GroupView(osc, vc, dbSg);
        osc.passedJobOf(osc.put(200, dbGroup.path() + "/members",
                json(List.of(Map.of("name", "db", "type", "LABEL", "label", "app=db")))));
        assertTrue(exact(dbGroup, shop, Set.of("db-1")), "before the outage: " + state(dbGroup));

        long cut = System.nanoTime();
        database.cut();
        OscRest.within(Duration.ofSeconds(30), "the status says the database is down",
                () -> status(server).contains("\"ready\":false"), () -> status(server));
        System.out.printf("OUTAGE %s: database cut -> status ready:false in %d ms%n", kind, millisSince(cut));
        assertTrue(status(server).contains("\"state\":\"DOWN\""), status(server));

        unavailableAtOnce(server, "GET", "users", null);
        unavailableAtOnce(server, "GET", groups, null);
        unavailableAtOnce(server, "GET", group.path() + "/members", null);
        unavailableAtOnce(server, "POST", groups, json(Map.of("name", "during-outage", "namespaces",
                List.of(shop))));
        unavailableAtOnce(server, "PUT", group.path() + "/members",
                json(List.of(Map.of("name", "db", "type", "LABEL", "label", "app=db"))));
        unavailableAtOnce(server, "DELETE", group.path(), null);

        int writes = osc.writes();
        cluster.createPod(shop, "web-2", Map.of("app", "web"));
        cluster.label(shop, "db-1", "app", "web");
        // The informers see both at once; the database stays away a while longer, as outages do, while the
        // server tries them against it.
        Thread.sleep(OUTAGE.toMillis());
        assertTrue(status(server).contains("\"ready\":false"), "still down: " + status(server));

        long restored = System.nanoTime();
        database.restore();
        OscRest.within(CATCH_UP, "the port groups have the pod created and the pod relabelled during the outage",
                () -> osc.send("GET", group.path() + "/members", null).status() == 200
                        && exact(group, shop, Set.of("web-0", "web-1", "web-2", "db-1"))
                        && exact(dbGroup, shop, Set.of()),
                () -> state(group) + "; db: " + state(dbGroup));
        System.out.printf("OUTAGE %s: database back -> port group exact in %d ms%n", kind, millisSince(restored));
        Files.readString(server.home().resolve("data/logs/osc.log")).lines().filter(line -> line.contains("database")
                && !line.contains("Answered 503")).forEach(line -> System.out.println("OUTAGE " + kind + " log: "
                        + line));
        assertEquals(writes, osc.writes(), "no REST call was needed");
        long logged503 = Files.readString(server.home().resolve("data/logs/osc.log")).lines()
                .filter(line -> line.contains("Answered 503")).count();
        assertTrue(logged503 >= 1 && logged503 <= 1 + OUTAGE.toSeconds() / 10 + 1, "six 503s in a few seconds "
                + "are one log line, then at most one every 10 s: " + logged503 + " lines");
        assertTrue(status(server).contains("\"ready\":true"), status(server));

        // The writes answered 503 left nothing behind.
        JsonNames names = new JsonNames(osc.get(groups));
        assertEquals(Set.of("db", "web"), names.names(), "no group created during the outage: " + names);
        assertFalse(names.anyMarkedForDeletion(), "the DELETE answered 503 did not mark the group: " + names);
        JsonNode after = osc.get(group.path());
        assertEquals(List.of("app=web"), after.path("members").findValuesAsText("label"),
                "the members are those before the outage: " + after);
    }

    /**
     * The request (path relative to {@code server/v1/}, as admin) answers 503 with {@code Retry-After} within
     * {@link #QUICK}, naming the database and nothing internal.
     */
    private void unavailableAtOnce(DistributionProcess server, String method, String path, String body)
            throws IOException, InterruptedException {
        String relative = path.startsWith("server/v1/") ? path.substring("server/v1/".length()) : path;
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + relative)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        long millis = millisSince(start);
        assertEquals(503, answer.statusCode(), method + " " + path + " -> " + answer.body());
        assertTrue(millis < QUICK.toMillis(), method + " " + path + " answered in " + millis + " ms");
        assertEquals("1", answer.headers().firstValue("Retry-After").orElse(null), method + " " + path);
        assertTrue(answer.body().contains("database"), answer.body());
        assertFalse(answer.body().contains("jdbc:"), "no internals: " + answer.body());
    }

    /** @return whether OSC's members and the SDN port group are exactly the pods (and their ports) */
    private static boolean exact(GroupView group, String namespace, Set<String> pods) {
        Set<String> wanted = new TreeSet<>();
        pods.forEach(p -> wanted.add(namespace + "/" + p));
        if (!group.memberNames().equals(wanted)) {
            return false;
        }
        Set<String> ports = group.memberPorts();
        return ports.size() == pods.size() && ports.equals(group.portGroupMembers());
    }

    private static String state(GroupView group) {
        try {
            return "members " + group.memberNames() + ", their ports " + group.memberPorts() + ", SDN port group "
                    + group.portGroupMembers();
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    private String status(DistributionProcess server) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(server.base() + "serverManagement/status"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** The names of a list's items and whether any is marked for deletion. */
    private record JsonNames(JsonNode list) {

        Set<String> names() {
            Set<String> names = new TreeSet<>();
            list.path("items").forEach(item -> names.add(item.path("name").asText()));
            return names;
        }

        boolean anyMarkedForDeletion() {
            for (JsonNode item : list.path("items")) {
                if (item.path("markedForDeletion").asBoolean()) {
                    return true;
                }
            }
            return false;
        }
    }
}
