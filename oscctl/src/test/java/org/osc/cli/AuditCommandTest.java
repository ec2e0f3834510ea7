package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** {@code oscctl audit}: filters become query parameters, times ago become instants, --all follows the pages. */
class AuditCommandTest extends FakeServerTest {

    private static final String RECORD = "{\"id\":%d,\"time\":\"2026-06-01T12:00:00Z\",\"event\":\"request\","
            + "\"user\":\"alice\",\"role\":\"admin\",\"source\":\"127.0.0.1\",\"method\":\"DELETE\","
            + "\"path\":\"/server/v1/catalog/%d\",\"objectType\":\"APPLIANCE\",\"objectId\":\"%d\",\"status\":204,"
            + "\"requestId\":\"r%d\"}";

    private static String record(int id) {
        return String.format(RECORD, id, id, id, id);
    }

    @Test
    void filtersGoToTheServerAndTheTableShowsWhoDidWhat() {
        server.on("GET", "audit?user=alice&method=DELETE&objectType=APPLIANCE", 200,
                "{\"items\":[" + record(2) + "]}");
        Cli.Result result = Cli.against(server, home).run("audit", "--by", "alice", "--method", "delete",
                "--type", "appliance");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().startsWith("TIME "), result.out());
        assertTrue(result.out().contains("alice") && result.out().contains("/server/v1/catalog/2")
                && result.out().contains("APPLIANCE 2") && result.out().contains("204"), result.out());
    }

    @Test
    void aTimeAgoIsAnInstantAndAllFollowsThePages() {
        AuditCommand command = new AuditCommand(Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
        assertEquals(Instant.parse("2026-06-01T11:00:00Z"), command.time("--since", "1h"));
        assertEquals(Instant.parse("2026-05-25T12:00:00Z"), command.time("--since", "7d"));
        assertEquals(Instant.parse("2026-01-31T12:00:00Z"), command.time("--since", "2026-01-31T12:00:00Z"));

        server.on("GET", "audit?limit=2", 200, "{\"items\":[" + record(5) + "," + record(4) + "],"
                + "\"next\":\"/api/server/v1/audit?limit=2&before=4\"}");
        server.on("GET", "audit?limit=2&before=4", 200, "{\"items\":[" + record(3) + "]}");
        Cli.Result result = Cli.against(server, home).run("audit", "--limit", "2", "--all", "-o", "json");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("\"r5\"") && result.out().contains("\"r4\"")
                && result.out().contains("\"r3\""), result.out());
    }

    @Test
    void aBadTimeIsAUsageError() {
        Cli.Result result = Cli.against(server, home).run("audit", "--since", "yesterday");
        assertEquals(ExitCodes.USAGE, result.code(), result.toString());
        assertTrue(result.err().contains("--since must be an ISO-8601 instant"), result.err());
        assertTrue(server.requests("GET", "audit").isEmpty());
    }
}
