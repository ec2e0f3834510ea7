package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.itests.dist.OscRest.json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.itests.TestTrust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The distribution under concurrent REST load, over real HTTP on loopback: a few hundred objects, then 32 clients
 * listing every list endpoint at once while others create and delete, then 20 clients of mixed reads and writes.
 * No request may answer 5xx or time out, every read 200, every write as the API says, and every accepted write
 * must be there afterwards. Prints throughput and latency percentiles of both phases ({@code LOAD ...} lines);
 * the timing is reported, not asserted, since this machine's cores are shared.
 */
class LoadIT {

    private static final String PASSWORD = "load-test-admin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GROUPS = 200;
    private static final int APPLIANCES = 30;
    private static final int SPECS = 30;
    private static final int LIST_CLIENTS = 32;
    private static final int LIST_ROUNDS = 4;
    private static final int WRITERS = 4;
    private static final Duration LIST_TIME_CAP = Duration.ofSeconds(30);
    private static final int MIXED_CLIENTS = 20;
    private static final Duration MIXED_TIME = Duration.ofSeconds(10);
    /**
     * Rounds of the mixed phase ({@code -Dosc.load.mixedRounds}, 1): the server is a fresh JVM, so the first
     * rounds also pay for compiling its hot code; more rounds show the throughput once it has settled.
     */
    private static final int MIXED_ROUNDS = Math.max(1, Integer.getInteger("osc.load.mixedRounds", 1));
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    static Path folder;
    static TestCluster cluster;
    static DistributionProcess server;
    static OscRest osc;
    static String ns;
    static long vc;
    static long vs;
    static List<Long> groupIds;

    private final HttpClient http = TestTrust.builder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));
    private final AtomicInteger serial = new AtomicInteger();
    /** Groups and specs whose create was accepted, and those whose delete was accepted, by REST path. */
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(folder.resolve("cluster"));
        ns = cluster.namespace("load");
        cluster.createNamespace(ns);
        server = new DistributionProcess(folder.resolve("osc"), PASSWORD);
        server.start();
        osc = new OscRest(server.url(), PASSWORD);
        OscRest.within(Duration.ofSeconds(60), "the distribution's three plugins loaded",
                () -> osc.get("server/v1/plugins").path("items").size() == 3, () -> osc.get("server/v1/plugins"));
        vc = osc.post(201, "server/v1/virtualizationConnectors", json(Map.of("name", "cluster", "type", "KUBERNETES",
                "controllerType", "SampleSdn", "kubeconfig", cluster.kubeconfig()))).path("id").asLong();
        long mc = osc.passedJobOf(osc.post(201, "server/v1/applianceManagerConnectors", json(Map.of(
                "name", "manager", "managerType", "SampleManager", "ipAddress", "127.0.0.1",
                "username", "admin", "password", "admin123")))).path("id").asLong();
        String domain = osc.get("server/v1/applianceManagerConnectors/" + mc + "/domains").path("items").get(0)
                .path("id").asText();
        long appliance = osc.post(201, "server/v1/catalog", json(Map.of("model", "load-inspector",
                "managerType", "SampleManager", "managerVersion", "1.0"))).path("id").asLong();
        long version = osc.post(201, "server/v1/catalog/" + appliance + "/versions", json(Map.of("swVersion", "1.0",
                "virtualizationType", "KUBERNETES", "virtualizationVersion", "1.32", "imageUrl",
                TestCluster.VNF_IMAGE))).path("id").asLong();
        ExecutorService setup = Executors.newFixedThreadPool(8);
        try {
            List<Future<JsonNode>> das = new ArrayList<>();
            for (int i = 0; i < APPLIANCES; i++) {
                String name = "da-" + i;
                das.add(setup.submit(() -> osc.post(201, "server/v1/distributedAppliances", json(Map.of("name", name,
                        "managerConnectorId", mc, "applianceSoftwareVersionId", version,
                        "virtualSystems", List.of(Map.of("vcId", vc, "domainId", domain)))))));
            }
            for (int i = 0; i < GROUPS; i++) {
                String name = "sg-" + i;
                setup.submit(() -> osc.post(201, groups(), json(Map.of("name", name, "namespaces", List.of(ns)))));
            }
            long first = das.get(0).get().path("id").asLong();
            vs = osc.get("server/v1/distributedAppliances/" + first).path("virtualSystems").get(0).path("id")
                    .asLong();
            for (int i = 0; i < SPECS; i++) {
                String name = "ds-" + i;
                setup.submit(() -> osc.post(201, specs(), json(Map.of("name", name, "namespace", ns, "count", 0))));
            }
        } finally {
            setup.shutdown();
            assertTrue(setup.awaitTermination(2, TimeUnit.MINUTES), "setup done");
        }
        groupIds = new ArrayList<>();
        osc.get(groups()).path("items").forEach(group -> groupIds.add(group.path("id").asLong()));
        assertEquals(GROUPS, groupIds.size());
        assertEquals(SPECS, osc.get(specs()).path("items").size());
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
    void parallelListsAndWritesAnswerWithoutServerErrorsAndKeepEveryAcceptedWrite() throws InterruptedException {
        List<String> lists = List.of("server/v1/virtualizationConnectors", groups(),
                "server/v1/applianceManagerConnectors", "server/v1/catalog", "server/v1/distributedAppliances",
                specs(), "server/v1/virtualSystems/" + vs + "/distributedApplianceInstances",
                "server/v1/jobs?limit=50", "server/v1/plugins", "server/v1/users");

        Stats lists32 = new Stats();
        long listsEnd = System.nanoTime() + LIST_TIME_CAP.toNanos();
        run(LIST_CLIENTS + WRITERS, listsEnd, lists32, client -> {
            if (client < LIST_CLIENTS) {
                for (int round = 0; round < LIST_ROUNDS && going(listsEnd); round++) {
                    for (String path : lists) {
                        lists32.expect(200, call("GET", path, null));
                    }
                }
            } else {
                for (int i = 0; i < 10 && going(listsEnd); i++) {
                    write(lists32, i % 3 == 2);
                }
            }
        });
        lists32.print(LIST_CLIENTS + " parallel list clients (every list endpoint x " + LIST_ROUNDS + ") + "
                + WRITERS + " writers");

        List<Stats> rounds = new ArrayList<>();
        for (int round = 1; round <= MIXED_ROUNDS; round++) {
            rounds.add(mixed(lists, round));
        }

        lists32.assertClean();
        rounds.forEach(Stats::assertClean);
        assertEveryAcceptedWriteIsThere();
    }

    /** One round of the mixed phase: 20 clients for {@link #MIXED_TIME}. */
    private Stats mixed(List<String> lists, int round) throws InterruptedException {
        Stats mixed = new Stats();
        long mixedEnd = System.nanoTime() + MIXED_TIME.toNanos();
        run(MIXED_CLIENTS, mixedEnd, mixed, client -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (going(mixedEnd)) {
                int dice = random.nextInt(10);
                if (dice < 2) {
                    write(mixed, dice == 1);
                } else if (dice < 5) {
                    long group = groupIds.get(random.nextInt(groupIds.size()));
                    mixed.expect(200, call("GET", groups() + "/" + group, null));
                } else {
                    mixed.expect(200, call("GET", lists.get(random.nextInt(lists.size())), null));
                }
            }
        });
        mixed.print(MIXED_CLIENTS + " clients of mixed reads and writes (80% reads, 20% writes)"
                + (MIXED_ROUNDS > 1 ? ", round " + round + " of " + MIXED_ROUNDS : ""));
        return mixed;
    }

    // --- what the clients do

    /**
     * Runs the clients on threads of their own and waits for them until the deadline (each stops at it) and one
     * request timeout more; a client still busy then is recorded as an error of the phase and interrupted.
     */
    private static void run(int clients, long deadline, Stats stats, IntConsumer client) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            running.add(pool.submit(() -> client.accept(id)));
        }
        pool.shutdown();
        long grace = deadline - System.nanoTime() + REQUEST_TIMEOUT.plusSeconds(5).toNanos();
        if (!pool.awaitTermination(Math.max(0, grace), TimeUnit.NANOSECONDS)) {
            stats.stuck(running.stream().filter(f -> !f.isDone()).count());
            pool.shutdownNow();
        }
        for (Future<?> future : running) {
            if (future.isDone() && !future.isCancelled()) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new AssertionError("a client failed", e.getCause());
                }
            }
        }
    }

    /** Creates a group or a deployment spec, or deletes one this test created. */
    private void write(Stats stats, boolean delete) {
        if (delete) {
            String path = created.stream().filter(p -> !deleted.contains(p)).findAny().orElse(null);
            if (path != null && deleted.add(path)) {
                stats.expect(202, call("DELETE", path, null));
                return;
            }
        }
        int n = serial.incrementAndGet();
        boolean group = n % 4 != 0;
        String collection = group ? groups() : specs();
        String body = group ? json(Map.of("name", "load-sg-" + n, "namespaces", List.of(ns)))
                : json(Map.of("name", "load-ds-" + n, "namespace", ns, "count", 0));
        Reply reply = call("POST", collection, body);
        if (stats.expect(201, reply)) {
            created.add(collection + "/" + reply.json().path("id").asLong());
        }
    }

    private void assertEveryAcceptedWriteIsThere() {
        Map<String, JsonNode> present = new HashMap<>();
        for (String collection : List.of(groups(), specs())) {
            for (JsonNode item : osc.get(collection).path("items")) {
                present.put(collection + "/" + item.path("id").asLong(), item);
            }
        }
        Set<String> missing = new HashSet<>();
        for (String path : created) {
            JsonNode item = present.get(path);
            if (deleted.contains(path)) {
                assertTrue(item == null || item.path("markedForDeletion").asBoolean(), path + " deleted: " + item);
            } else if (item == null) {
                missing.add(path);
            }
        }
        assertTrue(missing.isEmpty(), "accepted creates missing afterwards: " + missing);
        assertTrue(created.size() >= 40, "writes were made: " + created.size());
    }

    private static String groups() {
        return "server/v1/virtualizationConnectors/" + vc + "/securityGroups";
    }

    private static String specs() {
        return "server/v1/virtualSystems/" + vs + "/deploymentSpecs";
    }

    // --- HTTP and statistics

    private record Reply(String request, int status, String body, long nanos) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(request + ": " + body, e);
            }
        }
    }

    private Reply call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/api/" + path))
                .header("Authorization", auth).timeout(REQUEST_TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(method + " " + path, response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            return new Reply(method + " " + path, -1, e.toString(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the phase is over and this client was stuck: it stops
            return new Reply(method + " " + path, -1, "no answer before the phase ended", System.nanoTime() - start);
        }
    }

    /** @return whether a client goes on: its phase has not ended, and it was not stopped as stuck */
    private static boolean going(long end) {
        return System.nanoTime() < end && !Thread.currentThread().isInterrupted();
    }

    /** Latencies and unexpected answers of one phase. */
    private static final class Stats {
        private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        /** Latencies by kind of request: method and path with ids as {id}, without the query. */
        private final Map<String, ConcurrentLinkedQueue<Long>> byKind = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        private final AtomicInteger serverErrors = new AtomicInteger();
        private final AtomicInteger stuck = new AtomicInteger();
        private final long started = System.nanoTime();
        private final Duration serverCpuAtStart = server.cpuTime();

        /** Records the reply; returns whether it had the expected status. */
        boolean expect(int status, Reply reply) {
            nanos.add(reply.nanos());
            byKind.computeIfAbsent(reply.request().replaceAll("\\?.*", "").replaceAll("/\\d+", "/{id}"),
                    k -> new ConcurrentLinkedQueue<>()).add(reply.nanos());
            if (reply.status() == status) {
                return true;
            }
            if (reply.status() >= 500 || reply.status() < 0) {
                serverErrors.incrementAndGet();
            }
            errors.add(reply.request() + " -> " + reply.status() + " " + clip(reply.body()));
            return false;
        }

        /** Records clients that were still waiting for an answer long after their phase's end. */
        void stuck(long clients) {
            stuck.addAndGet((int) clients);
            errors.add(clients + " clients still waiting for an answer " + REQUEST_TIMEOUT.plusSeconds(5).toSeconds()
                    + " s after the phase's end");
        }

        void print(String phase) {
            double seconds = (System.nanoTime() - started) / 1e9;
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            double serverCpu = server.cpuTime().minus(serverCpuAtStart).toNanos() / 1e9;
            System.out.printf("LOAD %s: %d requests in %.1f s = %.0f requests/s; latency p50 %d ms, p99 %d ms, "
                    + "max %d ms; %d server errors or timeouts, %d unexpected answers, %d clients stuck; "
                    + "server CPU %.1f s = %.2f ms a request, %.2f cores%n", phase,
                    sorted.size(), seconds, sorted.size() / seconds, percentile(sorted, 0.50),
                    percentile(sorted, 0.99), percentile(sorted, 1.0), serverErrors.get(), errors.size(),
                    stuck.get(), serverCpu, sorted.isEmpty() ? 0 : serverCpu * 1000 / sorted.size(),
                    serverCpu / seconds);
            StringBuilder kinds = new StringBuilder();
            byKind.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(kind -> {
                List<Long> times = new ArrayList<>(kind.getValue());
                Collections.sort(times);
                kinds.append(String.format("%n  %s: %d, p50 %d ms, p99 %d ms", kind.getKey(), times.size(),
                        percentile(times, 0.50), percentile(times, 0.99)));
            });
            System.out.printf("LOAD %s, by request:%s%n", phase, kinds);
        }

        void assertClean() {
            assertEquals(0, serverErrors.get() + stuck.get(), "no 5xx and no timeout; unexpected answers: "
                    + first(errors));
            assertTrue(errors.isEmpty(), "unexpected answers: " + first(errors));
        }

        private static long percentile(List<Long> sorted, double p) {
            if (sorted.isEmpty()) {
                return 0;
            }
            int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
            return TimeUnit.NANOSECONDS.toMillis(sorted.get(Math.max(0, index)));
        }

        private static List<String> first(ConcurrentLinkedQueue<String> errors) {
            return errors.stream().limit(5).toList();
        }

        private static String clip(String body) {
            return body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
    }
}
