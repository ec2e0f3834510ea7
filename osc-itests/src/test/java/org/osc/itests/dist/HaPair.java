package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.osc.itests.TestTrust;
import org.postgresql.Driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;

/**
 * Two OSC distributions as processes on one PostgreSQL (the test server of {@code OSC_TEST_PG_URL}, else one
 * started here with {@code scripts/pg-test-server}: skipped when its binaries are missing, unless {@code CI=true})
 * and one sim-cluster, electing their leader on the {@link Lock} the test names: the database's lease row, or a
 * {@code coordination.k8s.io/v1} Lease in sim-cluster; both share the secret key, as replicas must. Pods churn on
 * demand ({@link HaChurn}: created and relabelled at 21 changes a second) in a namespace a security group follows.
 */
final class HaPair implements AutoCloseable {

    static final String PASSWORD = "ha-admin-password";
    /** The name of the lease (row or Lease object) the replicas elect on. */
    static final String LEASE_NAME = "osc-leader";

    /**
     * The lock the replicas elect on, with timings shorter than the defaults (15/10/2 s) so that a takeover after
     * a kill comes within 15 s.
     */
    enum Lock {
        /**
         * The {@code leader_lease} row, expiry by the database's clock: the survivor tries again just after the
         * lease runs out, so a takeover comes 12.1 s after the leader's last renewal, 10.1-12.1 s after the kill.
         */
        DATABASE("database", 12),
        /**
         * A Lease in sim-cluster, expiry by the survivor's own clock from when it last saw the Lease change, which
         * it sees up to a retry period (2 s) after the renewal, which came up to 2 s before the kill: a takeover
         * 9.1-13.1 s after the kill (plus the requests' time). With a 12 s lease the bound would be 14.1 s, too
         * close to 15 s on a busy machine.
         */
        KUBERNETES("kubernetes", 11);

        private final String setting;
        private final int leaseSeconds;

        Lock(String setting, int leaseSeconds) {
            this.setting = setting;
            this.leaseSeconds = leaseSeconds;
        }

        /** @return the election's settings but where the lock is (renew deadline 8 s, retry 2 s) */
        Map<String, String> settings() {
            return Map.of("OSC_LEADER_ELECTION", setting, "OSC_LEASE_NAME", LEASE_NAME,
                    "OSC_LEASE_DURATION_SECONDS", Integer.toString(leaseSeconds),
                    "OSC_LEASE_RENEW_DEADLINE_SECONDS", "8", "OSC_LEASE_RETRY_SECONDS", "2");
        }

        /** @return e.g. "kubernetes (lease 11 s, renew deadline 8 s, retry 2 s)" */
        String describe() {
            return setting + " (lease " + leaseSeconds + " s, renew deadline 8 s, retry 2 s)";
        }
    }

    /**
     * What the lock's store says.
     *
     * @param holder the identity that holds the lease, null when nobody does
     * @param transitions how often the holder changed
     */
    record LockState(String holder, long transitions) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path folder;
    final TestCluster cluster;
    final DistributionProcess[] servers = new DistributionProcess[2];
    final OscRest[] rest = new OscRest[2];
    final String ns;
    final Lock lock;
    private final TestDatabase database;
    private final String pgUrl;
    private final Path pgDir;
    private final String leaseNamespace;
    private long vc;
    private long sg;
    private HaChurn churn;

    private HaPair(Path folder, Lock lock, TestDatabase database, String pgUrl, Path pgDir) throws Exception {
        this.folder = folder;
        this.lock = lock;
        this.database = database;
        this.pgUrl = pgUrl;
        this.pgDir = pgDir;
        this.cluster = TestCluster.start(folder.resolve("cluster"));
        this.ns = cluster.namespace("ha");
        cluster.createNamespace(ns);
        this.leaseNamespace = cluster.namespace("lease");
        Path kubeconfig = folder.resolve("lease-kubeconfig");
        if (lock == Lock.KUBERNETES) {
            cluster.createNamespace(leaseNamespace);
            Files.writeString(kubeconfig, cluster.kubeconfig());
            Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-------"));
        }
        for (int i = 0; i < 2; i++) {
            servers[i] = new DistributionProcess(folder.resolve("osc-" + i), PASSWORD);
            lock.settings().forEach(servers[i]::env);
            servers[i].env("OSC_POD_NAME", "replica-" + i);
            if (lock == Lock.KUBERNETES) {
                servers[i].env("OSC_LEASE_KUBECONFIG", kubeconfig.toString())
                        .env("OSC_LEASE_NAMESPACE", leaseNamespace);
            }
            if (database != null) {
                database.configure(servers[i]);
            } else {
                servers[i].env("OSC_DB_URL", pgUrl).env("OSC_DB_USER", "osc").env("OSC_DB_PASSWORD", "osc-test");
            }
        }
    }

    /**
     * Starts PostgreSQL (or empties the test server's), the cluster and both replicas on the lock, the second with
     * the first's key.
     */
    static HaPair start(Path folder, Lock lock) throws Exception {
        HaPair pair;
        String url = System.getenv("OSC_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            pair = new HaPair(folder, lock, TestDatabase.start("postgresql", folder), null, null);
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
            pair = new HaPair(folder, lock, null, out.lines().reduce((a, b) -> b).orElseThrow(), dir);
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

    /**
     * What the lock's store says now: the Lease object in the cluster, or the row in the database, read by the
     * test itself (not through OSC).
     */
    LockState lockState() throws SQLException {
        if (lock == Lock.KUBERNETES) {
            Lease lease = cluster.client().resources(Lease.class).inNamespace(leaseNamespace).withName(LEASE_NAME)
                    .get();
            if (lease == null) {
                return new LockState(null, 0);
            }
            Integer transitions = lease.getSpec().getLeaseTransitions();
            return new LockState(lease.getSpec().getHolderIdentity(), transitions == null ? 0 : transitions);
        }
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT holder, transitions FROM leader_lease WHERE name = ?")) {
            query.setString(1, LEASE_NAME);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new LockState(row.getString(1), row.getLong(2)) : new LockState(null, 0);
            }
        }
    }

    /** @return a connection of the test's own to the replicas' PostgreSQL database (to read what they stored) */
    Connection connect() throws SQLException {
        if (database != null) {
            return database.connect();
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", "osc");
        credentials.setProperty("password", "osc-test");
        return new Driver().connect(pgUrl, credentials);
    }

    /** Starts creating and relabelling pods ({@link HaChurn}) until {@link #stopChurn()}; returns the churn. */
    HaChurn startChurn() {
        churn = new HaChurn(cluster, ns).start();
        return churn;
    }

    /** Stops the churn; returns how many changes it made. */
    int stopChurn() throws InterruptedException {
        return churn == null ? 0 : churn.stop();
    }

    /** @return what the last churn did ({@link HaChurn#summary()}) */
    String churnSummary() {
        return churn == null ? "none" : churn.summary();
    }

    /**
     * Checks the lock's store: {@code before} the other replica held the lease, now replica {@code holder} holds
     * it, and the holder changed (transitions grew).
     */
    void expectLockMoved(LockState before, int holder) throws SQLException {
        LockState now = lockState();
        assertEquals("replica-" + (1 - holder), before.holder(), "the " + lock + " lock named the old leader");
        assertEquals("replica-" + holder, now.holder(), "the " + lock + " lock names the new leader: " + now);
        assertTrue(now.transitions() > before.transitions(), "the " + lock + " lock counted the transition: "
                + before + " -> " + now);
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
        stopChurn();
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
