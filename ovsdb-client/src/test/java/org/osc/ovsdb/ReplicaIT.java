package org.osc.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A replica of the OVN northbound Logical_Switch and Port_Group tables against a real {@code ovsdb-server},
 * changed by {@code ovn-nbctl} as an independent client, and across a crash and restart of the server.
 */
@Timeout(90)
class ReplicaIT {
    private static final String NB = OvsdbClientIT.NB;
    private static final Duration BOUND = Duration.ofSeconds(10);

    private OvsdbTestServer server;
    private OvsdbClient client;
    private Replica replica;
    private final Events events = new Events();

    @BeforeEach
    void start() throws Exception {
        server = OvsdbTestServer.startTcp();
        client = OvsdbClient.builder(server.remote()).backoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .callTimeout(Duration.ofSeconds(5)).connect();
        replica = Replica.start(client, NB, Map.of("Logical_Switch", List.of("name", "external_ids"),
                "Port_Group", List.of("name", "ports", "external_ids")));
        replica.addListener(events);
        assertTrue(replica.awaitSynced(BOUND), "the replica did not sync");
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void whoeverAwaitsTheSyncFindsTheListenersDone() throws Exception {
        server.nbctl("ls-add", "ls-indexed");
        try (OvsdbClient second = OvsdbClient.builder(server.remote()).callTimeout(Duration.ofSeconds(5)).connect()) {
            Replica slow = Replica.start(second, NB, Map.of("Logical_Switch", List.of("name")));
            java.util.Set<String> index = java.util.concurrent.ConcurrentHashMap.newKeySet();
            slow.addListener(new ReplicaListener() {
                @Override
                public void onSynced() {
                    // An index built from the rows, slowly (as a large table's would be).
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
                    slow.rows("Logical_Switch").values().forEach(r -> index.add(r.getString("name")));
                }
            });
            assertTrue(slow.awaitSynced(BOUND));
            assertTrue(index.contains("ls-indexed"), "awaitSynced returned before the listener had built its index");
        }
    }

    @Test
    void followsChangesMadeByOvnNbctl() throws Exception {
        server.nbctl("ls-add", "ls-witness");
        Row inserted = events.await("insert ls-witness", e -> e.startsWith("insert Logical_Switch ls-witness"));
        assertEquals("ls-witness", replica.rows("Logical_Switch").values().iterator().next().getString("name"));
        assertEquals(server.nbctl("--bare", "--columns=_uuid", "find", "Logical_Switch", "name=ls-witness"),
                inserted.uuid().value());

        server.nbctl("set", "Logical_Switch", "ls-witness", "external_ids:osc-id=7");
        events.await("modify", e -> e.startsWith("modify Logical_Switch ls-witness"));
        Row row = replica.row("Logical_Switch", inserted.uuid()).orElseThrow();
        assertEquals(Map.of("osc-id", "7"), row.getMap("external_ids"));

        server.nbctl("pg-add", "pg_witness");
        events.await("insert pg_witness", e -> e.equals("insert Port_Group pg_witness"));
        Row group = replica.rows("Port_Group").values().stream().filter(r -> "pg_witness".equals(r.get("name")))
                .findFirst().orElseThrow();
        assertTrue(group.getSet("ports").isEmpty());

        server.nbctl("ls-del", "ls-witness");
        events.await("delete", e -> e.equals("delete Logical_Switch ls-witness"));
        assertTrue(replica.row("Logical_Switch", inserted.uuid()).isEmpty());
        assertFalse(replica.isStale());
    }

    @Test
    void aCrashedServerIsReconnectedAndTheReplicaRebuiltWithOnlyTheDifferences() throws Exception {
        server.nbctl("ls-add", "ls-kept");
        server.nbctl("ls-add", "ls-changed");
        server.nbctl("ls-add", "ls-gone");
        events.await("three switches", e -> e.equals("insert Logical_Switch ls-gone"));
        assertEquals(3, replica.rows("Logical_Switch").size());

        // a call in flight when the server dies fails with a clear message: this wait blocks on the server
        CompletableFuture<List<JsonNode>> inFlight = CompletableFuture.supplyAsync(() -> client.transact(NB,
                List.of(Operation.wait("Logical_Switch", List.of(Condition.eq("name", "ls-kept")), List.of("name"),
                        false, List.of(Map.of("name", "ls-kept")), 60_000))));
        Thread.sleep(300);
        events.clear();
        server.kill();

        ExecutionException lost = assertThrows(ExecutionException.class, () -> inFlight.get(5, TimeUnit.SECONDS));
        assertTrue(lost.getCause() instanceof NotConnectedException, String.valueOf(lost.getCause()));
        assertTrue(lost.getCause().getMessage().contains("connection ended"), lost.getCause().getMessage());
        events.await("stale", e -> e.equals("stale"));
        assertTrue(replica.isStale());
        assertFalse(client.isConnected());
        NotConnectedException refused = assertThrows(NotConnectedException.class,
                () -> fastly(() -> client.transact(NB, List.of(Operation.comment("while down")))));
        assertTrue(refused.getMessage().contains("not connected to " + server.remote()), refused.getMessage());
        assertEquals(3, replica.rows("Logical_Switch").size(), "a stale replica keeps its rows");

        // changed while the client cannot see it: one insert, one modify, one delete
        server.offlineTransact("[\"" + NB + "\","
                + "{\"op\":\"insert\",\"table\":\"Logical_Switch\",\"row\":{\"name\":\"ls-new\"}},"
                + "{\"op\":\"update\",\"table\":\"Logical_Switch\",\"where\":[[\"name\",\"==\",\"ls-changed\"]],"
                + "\"row\":{\"external_ids\":[\"map\",[[\"osc-id\",\"9\"]]]}},"
                + "{\"op\":\"delete\",\"table\":\"Logical_Switch\",\"where\":[[\"name\",\"==\",\"ls-gone\"]]}]");
        server.start();

        events.await("synced", e -> e.equals("synced"));
        assertTrue(replica.awaitSynced(BOUND), "in sync once the listeners were told");
        assertFalse(replica.isStale());
        assertTrue(client.isConnected());
        assertEquals(List.of("stale", "delete Logical_Switch ls-gone", "insert Logical_Switch ls-new",
                "modify Logical_Switch ls-changed", "synced"), sorted(events.snapshot()));
        assertEquals(3, replica.rows("Logical_Switch").size());

        // and the monitor is live again
        server.nbctl("ls-add", "ls-after");
        events.await("insert after reconnect", e -> e.equals("insert Logical_Switch ls-after"));
        client.transact(NB, List.of(Operation.delete("Logical_Switch", List.of(Condition.eq("name", "ls-after")))));
        events.await("delete after reconnect", e -> e.equals("delete Logical_Switch ls-after"));
    }

    /** The rebuild reports deletes, inserts and modifies in map order: sort the middle for a stable compare. */
    private static List<String> sorted(List<String> events) {
        List<String> middle = new ArrayList<>(events.subList(1, events.size() - 1));
        middle.sort((a, b) -> rank(a) - rank(b));
        List<String> all = new ArrayList<>();
        all.add(events.get(0));
        all.addAll(middle);
        all.add(events.get(events.size() - 1));
        return all;
    }

    private static int rank(String event) {
        return event.startsWith("delete") ? 0 : event.startsWith("insert") ? 1 : 2;
    }

    private static <T> T fastly(Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "did not fail fast");
        }
    }

    /** Records replica events as "kind table name" strings. */
    private static final class Events implements ReplicaListener {
        private final List<String> events = new ArrayList<>();
        private final List<Row> rows = new ArrayList<>();

        @Override
        public synchronized void onInsert(Row row) {
            add("insert " + row.table() + " " + row.get("name"), row);
        }

        @Override
        public synchronized void onModify(Row previous, Row current) {
            add("modify " + current.table() + " " + current.get("name"), current);
        }

        @Override
        public synchronized void onDelete(Row row) {
            add("delete " + row.table() + " " + row.get("name"), row);
        }

        @Override
        public synchronized void onSynced() {
            add("synced", null);
        }

        @Override
        public synchronized void onStale() {
            add("stale", null);
        }

        private void add(String event, Row row) {
            events.add(event);
            if (row != null) {
                rows.add(row);
            }
            notifyAll();
        }

        synchronized void clear() {
            events.clear();
            rows.clear();
        }

        synchronized List<String> snapshot() {
            return List.copyOf(events);
        }

        /** Waits for an event; returns its row (null for stale/synced). */
        synchronized Row await(String what, Predicate<String> match) throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (true) {
                for (int i = 0; i < events.size(); i++) {
                    if (match.test(events.get(i))) {
                        return events.get(i).contains(" ") ? rowFor(events.get(i)) : null;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + BOUND + "; events: " + events);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        private Row rowFor(String event) {
            String name = event.substring(event.lastIndexOf(' ') + 1);
            return rows.stream().filter(r -> name.equals(r.get("name"))).reduce((a, b) -> b).orElse(null);
        }
    }
}
