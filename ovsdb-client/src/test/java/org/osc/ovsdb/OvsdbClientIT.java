package org.osc.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client against a real {@code ovsdb-server} with the OVN northbound schema.
 */
@Timeout(60)
class OvsdbClientIT {
    static final String NB = "OVN_Northbound";

    private static OvsdbTestServer server;
    private static OvsdbClient client;

    @BeforeAll
    static void start() throws Exception {
        server = OvsdbTestServer.startTcp();
        client = OvsdbClient.builder(server.remote()).connect();
        assertTrue(client.awaitConnected(Duration.ofSeconds(10)), "not connected to " + server.remote());
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listsDatabasesAndReadsTheSchema() {
        assertTrue(client.listDbs().contains(NB), () -> client.listDbs().toString());
        JsonNode schema = client.getSchema(NB);
        assertEquals(NB, schema.path("name").asText());
        assertTrue(schema.path("tables").has("Port_Group"));
        OvsdbException unknown = assertThrows(OvsdbException.class, () -> client.getSchema("No_Such_Db"));
        assertTrue(unknown.getMessage().contains("get_schema failed"), unknown.getMessage());
    }

    @Test
    void insertSelectUpdateMutateDeleteOfASwitchAndAPortGroup() throws Exception {
        List<JsonNode> inserted = client.transact(NB, List.of(
                Operation.comment("osc test insert"),
                Operation.insert("Logical_Switch", Map.of("name", "ls-crud", "external_ids",
                        Map.of("osc-id", "1")), "sw"),
                Operation.insert("Port_Group", Map.of("name", "pg_crud", "external_ids", Map.of("osc-id", "2")),
                        null)));
        assertEquals(3, inserted.size());
        Uuid sw = (Uuid) OvsdbValues.decode(inserted.get(1).get("uuid"));
        assertEquals("ls-crud", server.nbctl("get", "Logical_Switch", sw.value(), "name").replace("\"", ""));

        JsonNode rows = client.transact(NB, List.of(Operation.select("Port_Group",
                List.of(Condition.eq("name", "pg_crud")), List.of("_uuid", "external_ids")))).get(0).get("rows");
        assertEquals(1, rows.size());
        assertEquals(Map.of("osc-id", "2"), OvsdbValues.decode(rows.get(0).get("external_ids")));

        List<JsonNode> changed = client.transact(NB, List.of(
                Operation.update("Logical_Switch", List.of(Condition.uuidIs(sw)),
                        Map.of("external_ids", Map.of("osc-id", "1", "state", "updated"))),
                Operation.mutate("Port_Group", List.of(Condition.eq("name", "pg_crud")),
                        List.of(Mutation.insert("external_ids", Map.of("extra", "yes"))))));
        assertEquals(1, changed.get(0).get("count").asInt());
        assertEquals(1, changed.get(1).get("count").asInt());
        assertEquals("updated", server.nbctl("get", "Logical_Switch", "ls-crud", "external_ids:state"));
        assertEquals("yes", server.nbctl("get", "Port_Group", "pg_crud", "external_ids:extra"));

        List<JsonNode> deleted = client.transact(NB, List.of(
                Operation.delete("Logical_Switch", List.of(Condition.uuidIs(sw))),
                Operation.delete("Port_Group", List.of(Condition.eq("name", "pg_crud")))));
        assertEquals(1, deleted.get(0).get("count").asInt());
        assertEquals(1, deleted.get(1).get("count").asInt());
        assertEquals("", server.nbctl("--bare", "--columns=name", "find", "Port_Group", "name=pg_crud"));
    }

    @Test
    void aFailedOperationAndARefusedCommitAreReadableErrors() {
        TransactionException wait = assertThrows(TransactionException.class, () -> client.transact(NB, List.of(
                Operation.comment("expect a timeout"),
                Operation.wait("Logical_Switch", List.of(Condition.eq("name", "ls-none")), List.of("name"),
                        true, List.of(Map.of("name", "ls-none")), 0))));
        assertEquals(1, wait.errors().size());
        assertEquals(1, wait.errors().get(0).index());
        assertEquals("wait", wait.errors().get(0).op());
        assertEquals("timed out", wait.errors().get(0).error());
        assertTrue(wait.getMessage().contains("operation 1 (wait): timed out"), wait.getMessage());

        // Port_Group's name is a unique index: the commit is refused and nothing is inserted
        TransactionException duplicate = assertThrows(TransactionException.class, () -> client.transact(NB,
                List.of(Operation.insert("Port_Group", Map.of("name", "pg_dup"), null),
                        Operation.insert("Port_Group", Map.of("name", "pg_dup"), null))));
        OperationError commit = duplicate.errors().get(duplicate.errors().size() - 1);
        assertEquals("commit", commit.op());
        assertEquals(2, commit.index());
        assertEquals("constraint violation", commit.error());
        assertTrue(duplicate.getMessage().contains("pg_dup"), duplicate.getMessage());
        assertEquals(0, client.transact(NB, List.of(Operation.select("Port_Group",
                List.of(Condition.eq("name", "pg_dup")), null))).get(0).get("rows").size());
    }

    @Test
    void echoIsAnsweredAndAnIdleConnectionIsKeptOpen() throws Exception {
        assertTrue(client.echo().compareTo(Duration.ofSeconds(5)) < 0);
        try (OvsdbClient quiet = OvsdbClient.builder(server.remote()).echoInterval(Duration.ofMillis(250))
                .connect()) {
            RecordingHandler handler = new RecordingHandler();
            quiet.monitor(NB, Map.of("NB_Global", List.of()), handler);
            assertTrue(handler.awaitInitials(1, Duration.ofSeconds(10)));
            // six echo intervals without traffic of our own: the keepalive echoes keep the connection up (were
            // they not answered, the connection would be dropped after two)
            Thread.sleep(1500);
            assertTrue(quiet.isConnected());
            assertEquals(1, handler.initials(), "the connection was dropped and re-established");
            assertEquals(0, handler.disconnects());
        }
    }

    @Test
    void theServersOwnEchoRequestsAreAnswered() throws Exception {
        // ovsdb-server sends an echo after 5 s without traffic and drops the connection 5 s later if it is not
        // answered; this client never sends echoes of its own within the test
        try (OvsdbClient silent = OvsdbClient.builder(server.remote()).echoInterval(Duration.ofMinutes(5))
                .connect()) {
            RecordingHandler handler = new RecordingHandler();
            silent.monitor(NB, Map.of("NB_Global", List.of()), handler);
            assertTrue(handler.awaitInitials(1, Duration.ofSeconds(10)));
            Thread.sleep(11_500);
            assertTrue(silent.isConnected());
            assertEquals(1, handler.initials(), "the server dropped the connection");
            assertEquals(0, handler.disconnects());
        }
    }

    /** Counts what a monitor reports. */
    static final class RecordingHandler implements MonitorHandler {
        private int initials;
        private int disconnects;

        @Override
        public synchronized void onInitial(JsonNode tableUpdates) {
            initials++;
            notifyAll();
        }

        @Override
        public void onUpdate(JsonNode tableUpdates) {
        }

        @Override
        public synchronized void onDisconnected() {
            disconnects++;
        }

        synchronized int initials() {
            return initials;
        }

        synchronized int disconnects() {
            return disconnects;
        }

        synchronized boolean awaitInitials(int count, Duration timeout) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (initials < count && System.currentTimeMillis() < deadline) {
                wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
            return initials >= count;
        }
    }

    static void assertNotConnected(Runnable call) {
        long start = System.nanoTime();
        NotConnectedException e = assertThrows(NotConnectedException.class, call::run);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(500)) < 0,
                "did not fail fast");
        assertFalse(e.getMessage().isBlank());
    }
}
