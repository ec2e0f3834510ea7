package org.osc.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a record takes from an answer, and its audit log line. */
class AuditFilterTest {

    /** An answer as the resources give them. */
    record Created(long id, long jobId) {
    }

    @Test
    void aCreatedObjectIsNamedByItsLocationElseItsIdOrName() {
        assertEquals("12", AuditFilter.createdId(URI.create("server/v1/virtualizationConnectors/12"), Map.of("id", 3)));
        assertEquals("7", AuditFilter.createdId(null, new Created(7, 40)));
        assertEquals("alice", AuditFilter.createdId(null, Map.of("name", "alice")));
        assertNull(AuditFilter.createdId(null, "text"));
        assertEquals(40L, AuditFilter.field(new Created(7, 40), "jobId"));
        assertEquals(41, AuditFilter.field(Map.of("jobId", 41), "jobId"));
        assertNull(AuditFilter.field(new byte[0], "jobId"));
    }

    @Test
    void theAuditLogLineIsOneJsonObjectWithoutAbsentFields() throws Exception {
        AuditRecord record = new AuditRecord(0, Instant.parse("2026-06-01T12:00:00Z"), AuditRecord.LOGIN_FAILURE,
                "mallory\nforged", null, null, "10.0.0.9", "POST", "/server/v1/catalog", "APPLIANCE", null, 401,
                null, "r1", "wrong user name or password");
        String line = AuditTrail.json(record);
        assertTrue(line.indexOf('\n') < 0, "one line: " + line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("mallory\nforged", json.path("user").asText(), "escaped in the line, the value itself kept");
        assertEquals("2026-06-01T12:00:00Z", json.path("time").asText());
        assertEquals(401, json.path("status").asInt());
        assertTrue(json.path("role").isMissingNode() && json.path("jobId").isMissingNode());
    }

    @Test
    void aNewRequestIdIsARandomUuidAndAClientsSaneIdIsKept() {
        String id = AuditFilter.newId();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
        assertTrue(!id.equals(AuditFilter.newId()));
        assertTrue("build-42/step:3".matches(AuditFilter.SANE_ID));
        assertTrue(!"two words".matches(AuditFilter.SANE_ID) && !"x".repeat(65).matches(AuditFilter.SANE_ID));
    }

    @Test
    void aTokenStartsJobsUnderItsName() {
        assertEquals("alice", AuditUserFilter.startedBy("alice", null));
        assertEquals("token:ci", AuditUserFilter.startedBy("alice", "ci"));
    }
}
