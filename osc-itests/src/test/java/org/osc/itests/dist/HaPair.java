package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.osc.itests.TestTrust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two OSC distributions as processes on one PostgreSQL (the test server of {@code OSC_TEST_PG_URL}, else one
 * started here with {@code scripts/pg-test-server}: skipped when its binaries are missing, unless {@code CI=true})
 * and one sim-cluster, with the database lease election; both share the secret key, as replicas must. Pods churn
 * on demand (created and relabelled about 20 times a second) in a namespace a security group follows.
 */
final class HaPair implements AutoCloseable {

    static final String PASSWORD = "ha-admin-password";
    /**
     * Shorter than the defaults (15/10/2 s): the survivor tries again just after the lease runs out by the
     * database's clock, so a takeover comes within 12.1 s of the leader's last renewal, under 15 s of the kill.
     */
    static final Map<String, String> LEASE = Map.of("OSC_LEADER_ELECTION", "database",
            "OSC_LEASE_DURATION_SECONDS", "12", "OSC_LEASE_RENEW_DEADLINE_SECONDS", "8",
            "OSC_LEASE_RETRY_SECONDS", "2");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path folder;
    final TestCluster cluster;
    final DistributionProcess[] servers = new DistributionProcess[2];
    final OscRest[] rest = new OscRest[2];
    final String ns;
    private final TestDatabase database;
    private final Path pgDir;
    private long vc;
    private long sg;
    private Thread churn;
    private final AtomicBoolean churning = new AtomicBoolean();
    private final AtomicInteger churned = new AtomicInteger();

    private HaPair(Path folder, TestDatabase database, String pgUrl, Path pgDir) throws Exception {
        this.folder = folder;
        this.database = database;
        this.pgDir = pgDir;
        this.cluster = TestCluster.start(folder.resolve("cluster"));
        this.ns = cluster.namespace("ha");
        cluster.createNamespace(ns);
        for (int i = 0; i < 2; i++) {
            servers[i] = new DistributionProcess(folder.resolve("osc-" + i), PASSWORD);
            LEASE.forEach(servers[i]::env);
            servers[i].env("OSC_POD_NAME", "replica-" + i);
            if (database != null) {
                database.configure(servers[i]);
            } else {
                servers[i].env("OSC_DB_URL", pgUrl).env("OSC_DB_USER", "osc").env("OSC_DB_PASSWORD", "osc-test");
            }
        }
    }

    /** Starts PostgreSQL (or empties the test server's), the cluster and both replicas, the second with the key. */
    static HaPair start(Path folder) throws Exception {
        HaPair pair;
        String url = System.getenv("OSC_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            pair = new HaPair(folder, TestDatabase.start("postgresql", folder), null, null);
        } else {
            // directly under the temporary folder: the server runs as the postgres user, who cannot enter ours
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "osc-ha-pg-" + ProcessHandle.current().pid()
                    + "-" + System.nanoTime());
            int port = freePort();
            Process script = new ProcessBuilder("bash", Path.of("../scripts/pg-test-server").toString(), "start",
                    dir.toString(), Integer.toString(port)).redirectErrorStream(true).start();
            String out = new String(script.getInputStream().readAllBytes()).trim();
            int status = script.waitFor();
            if (status != 0) {
                if ("true".equals(System.getenv("CI"))) {
                    fail("PostgreSQL could not be started for the HA test: " + out);
                }
                Assumptions.abort("No PostgreSQL for the HA test (" + out + ")");
            }
            pair = new HaPair(folder, null, out.lines().reduce((a, b) -> b).orElseThrow(), dir);
        }
        pair.servers[0].start();
        // replicas share the key that encrypts secrets at rest (the connector's kubeconfig)
        Path key = pair.servers[0].home().resolve("data").resolve("secret-keys");
        Path copy = pair.servers[1].home().resolve("data").resolve("secret-keys");
        Files.createDirectories(copy.getParent());
        Files.copy(key, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        pair.servers[1].start();
        for (int i = 0; i < 2; i++) {
            pair.rest[i] = new OscRest(pair.servers[i].url(), PASSWORD);
        }
        return pair;
    }

    /** @return the status's {@code leader} part of replica i (open without credentials), or null if it is down */
    JsonNode leader(int i) {
        try {
            HttpResponse<String> reply = TestTrust.client().send(HttpRequest.newBuilder(
                    URI.create(servers[i].base() + "serverManagement/status")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return reply.statusCode() == 200 ? JSON.readTree(reply.body()).path("leader") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean leads(int i) {
        JsonNode leader = leader(i);
        return leader != null && leader.path("isLeader").asBoolean();
    }

    /** @return the replica that leads, waiting up to 30 s for one */
    int awaitLeader() {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 2; i++) {
                if (leads(i)) {
                    return i;
                }
            }
            sleep(100);
        }
        throw new AssertionError("no replica leads: " + leader(0) + " / " + leader(1));
    }

    /** Creates the connector and a group of the pods labelled app=web, through the leader, and waits for it. */
    void protect(int leader) {
        OscRest osc = rest[leader];
        OscRest.within(Duration.ofSeconds(60), "the plugins loaded",
                () -> osc.get("server/v1/plugins").path("items").size() == 3, () -> osc.get("server/v1/plugins"));
        cluster.createPod(ns, "web-0", Map.of("app", "web"));
        vc = osc.post(201, "server/v1/virtualizationConnectors", OscRest.json(Map.of("name", "cluster", "type",
                "KUBERNETES", "controllerType", "SampleSdn", "kubeconfig", cluster.kubeconfig()))).path("id").asLong();
        sg = osc.passedJobOf(osc.post(201, "server/v1/virtualizationConnectors/" + vc + "/securityGroups",
                OscRest.json(Map.of("name", "web", "namespaces", List.of(ns))))).path("id").asLong();
        osc.passedJobOf(osc.put(200, group(leader).path() + "/members", OscRest.json(List.of(Map.of("name", "web",
                "type", "LABEL", "label", "app=web")))));
        expectExact(leader, Duration.ofSeconds(30));
    }

    /**
     * Creates a security group (no members yet) through replica i, leader or not.
     *
     * @return the group's id and the job id the replica answered
     */
    long[] createGroup(int i, String name) {
        JsonNode reply = rest[i].post(201, groupsPath(),
                OscRest.json(Map.of("name", name, "namespaces", List.of(ns))));
        return new long[] {reply.path("id").asLong(), reply.path("jobId").asLong()};
    }

    /** @return the REST path of the pair's connector's groups */
    String groupsPath() {
        return "server/v1/virtualizationConnectors/" + vc + "/securityGroups";
    }

    /** @return the REST path of a group of the pair's connector */
    String groupPath(long group) {
        return groupsPath() + "/" + group;
    }

    GroupView group(int i) {
        return new GroupView(rest[i], vc, sg);
    }

    /** Waits until replica i's SDN controller holds exactly the ports of the pods labelled app=web now. */
    void expectExact(int i, Duration bound) {
        OscRest.within(bound, "the port group exact on replica " + i, () -> {
            Set<String> wanted = webPods();
            GroupView group = group(i);
            Set<String> ports = group.memberPorts();
            return group.memberNames().equals(wanted) && ports.size() == wanted.size()
                    && ports.equals(group.portGroupMembers());
        }, () -> "pods " + webPods() + ", members " + group(i).memberNames() + ", ports " + group(i).memberPorts()
                + ", SDN port group " + group(i).portGroupMembers());
    }

    /** @return the pods labelled app=web, as "namespace/name" */
    Set<String> webPods() {
        Set<String> names = new TreeSet<>();
        cluster.client().pods().inNamespace(ns).withLabel("app", "web").list().getItems()
                .forEach(p -> names.add(ns + "/" + p.getMetadata().getName()));
        return names;
    }

    /** Starts creating and relabelling pods, about 20 changes a second, until {@link #stopChurn()}. */
    void startChurn() {
        churning.set(true);
        churn = new Thread(() -> {
            Random random = new Random(42);
            List<String> pods = new ArrayList<>();
            int next = 1;
            while (churning.get()) {
                long started = System.nanoTime();
                try {
                    if (pods.size() < 40 || random.nextInt(3) == 0) {
                        String name = "churn-" + next++;
                        cluster.createPod(ns, name, Map.of("app", random.nextBoolean() ? "web" : "db"));
                        pods.add(name);
                    } else {
                        cluster.label(ns, pods.get(random.nextInt(pods.size())), "app",
                                random.nextBoolean() ? "web" : "db");
                    }
                    churned.incrementAndGet();
                } catch (RuntimeException e) {
                    // the stand-in cluster is busy: the next change goes on
                }
                long left = 50 - (System.nanoTime() - started) / 1_000_000;
                if (left > 0) {
                    sleep(left);
                }
            }
        }, "ha-churn");
        churn.start();
    }

    /** Stops the churn; returns how many changes it made. */
    int stopChurn() throws InterruptedException {
        churning.set(false);
        if (churn != null) {
            churn.join();
        }
        return churned.get();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        churning.set(false);
        for (DistributionProcess server : servers) {
            if (server != null) {
                try {
                    server.signal("CONT");
                } catch (RuntimeException | IOException e) {
                    // not running
                }
                server.close();
            }
        }
        cluster.close();
        if (database != null) {
            database.close();
        }
        if (pgDir != null) {
            new ProcessBuilder("bash", Path.of("../scripts/pg-test-server").toString(), "stop", pgDir.toString())
                    .inheritIO().start().waitFor();
        }
    }
}
