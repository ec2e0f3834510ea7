package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.itests.dist.OscRest.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit trail of the distribution run as a process, on H2 and PostgreSQL ({@link TestDatabase}), with
 * {@code OSC_LOG_FORMAT=json}: every mutating operation of the served OpenAPI document, called once as admin (with
 * made-up ids and an empty body: a 4xx is an outcome like any other), leaves exactly one record with the admin,
 * the method, the path and the status it answered; so do a create that starts a job (with the object's id and the
 * job's), a write to a plugin's REST view, an auditor's refused write (403) and requests with a wrong password
 * (login failures with the name tried). An auditor reads {@code /audit} with filters and pages; the audit log file
 * holds the same records as JSON lines (owner-only); osc.log is one JSON object a line, with the request id, the
 * user and the job id; the answer echoes a sane {@code X-Request-Id} and replaces an insane one.
 */
class AuditIT {

    private static final String PASSWORD = "audit-test-admin";
    private static final String AUDITOR_PASSWORD = "audit-test-auditor";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MUTATING = Set.of("post", "put", "patch", "delete");
    /** What the walk puts for every path parameter: an id or name that names nothing. */
    private static final String NOTHING = "999999";

    @TempDir
    Path folder;

    /** One call the test made, and what it answered. */
    private record Call(String method, String path, int status, String requestId, boolean authenticated) {
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void everyMutatingOperationLeavesExactlyOneRecord(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.start(kind, folder);
                DistributionProcess server = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            database.configure(server);
            server.env("OSC_LOG_FORMAT", "json");
            server.start();
            OscRest osc = new OscRest(server.url(), PASSWORD);
            OscRest.within(Duration.ofSeconds(60), "the distribution's plugins loaded",
                    () -> osc.get("server/v1/plugins").path("items").size() == 3, () -> osc.get("server/v1/plugins"));
            List<Call> calls = new ArrayList<>();

            // a create that starts a job: the record names the new object and the job; the job names its user
            OscRest.Answer created = osc.send("POST", "server/v1/applianceManagerConnectors", json(Map.of("name",
                    "audited-manager", "managerType", "SampleManager", "ipAddress", "127.0.0.1", "username", "admin",
                    "password", "admin123")), "X-Request-Id", "audit-it-create-1");
            assertEquals(201, created.status(), created.body());
            assertEquals("audit-it-create-1", created.headers().firstValue("X-Request-Id").orElse(null),
                    "a sane request id is echoed");
            calls.add(new Call("POST", "/server/v1/applianceManagerConnectors", 201, "audit-it-create-1", true));
            long mc = created.json().path("id").asLong();
            long mcJob = created.json().path("jobId").asLong();
            assertEquals("admin", osc.passed(mcJob).path("startedBy").asText(), "the job shows who started it");

            OscRest.Answer auditorCreated = osc.send("POST", "server/v1/users", json(Map.of("name", "ann",
                    "password", AUDITOR_PASSWORD, "role", "auditor")));
            assertEquals(201, auditorCreated.status(), auditorCreated.body());
            calls.add(call("POST", "/server/v1/users", auditorCreated));

            // every mutating operation of the OpenAPI document
            JsonNode paths = osc.get("openapi.json").path("paths");
            assertTrue(paths.path("/server/v1/audit").has("get"), "the document lists the audit trail");
            int operations = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = entry.getKey().replaceAll("\\{[^}]+}", NOTHING);
                for (Iterator<String> methods = entry.getValue().fieldNames(); methods.hasNext();) {
                    String method = methods.next();
                    if (!MUTATING.contains(method)) {
                        continue;
                    }
                    String upper = method.toUpperCase(Locale.ROOT);
                    String relative = path.startsWith("/") ? path.substring(1) : path;
                    OscRest.Answer answer = osc.send(upper, relative, upper.equals("DELETE") ? null : "{}");
                    assertTrue(answer.status() < 500, upper + " " + path + " -> " + answer.status() + " "
                            + answer.body());
                    calls.add(call(upper, "/" + relative, answer));
                    operations++;
                }
            }
            assertTrue(operations >= 25, "the document lists the API's writes: " + operations);

            // a plugin's REST view, an auditor's refused write, an insane request id
            calls.add(call("POST", "/plugins/sample/sdn/nothing", osc.send("POST", "plugins/sample/sdn/nothing",
                    "{}")));
            OscRest ann = new OscRest(server.url(), "ann", AUDITOR_PASSWORD);
            OscRest.Answer refused = ann.send("DELETE", "server/v1/applianceManagerConnectors/" + mc, null);
            assertEquals(403, refused.status(), refused.body());
            Call refusedCall = call("DELETE", "/server/v1/applianceManagerConnectors/" + mc, refused);
            OscRest.Answer insane = osc.send("PUT", "server/v1/users/" + NOTHING, "{}", "X-Request-Id",
                    "not a sane id");
            String replaced = insane.headers().firstValue("X-Request-Id").orElse("");
            assertNotEquals("not a sane id", replaced);
            assertTrue(replaced.matches("[0-9a-f-]{36}"), replaced);
            calls.add(call("PUT", "/server/v1/users/" + NOTHING, insane));

            // login failures: a wrong password on a read and on a write, one record each, as login failures
            OscRest wrong = new OscRest(server.url(), "admin", "not-the-password");
            OscRest.Answer failedRead = wrong.send("GET", "server/v1/jobs", null);
            OscRest.Answer failedWrite = wrong.send("POST", "server/v1/catalog", "{}");
            assertEquals(401, failedRead.status());
            assertEquals(401, failedWrite.status());

            // the auditor reads the trail once everything is stored
            int expected = calls.size() + 1 + 2;
            OscRest.within(Duration.ofSeconds(20), "all " + expected + " records stored",
                    () -> ann.get("server/v1/audit?limit=1000").path("items").size() >= expected,
                    () -> ann.get("server/v1/audit?limit=1000").path("items").size());
            List<JsonNode> records = new ArrayList<>();
            ann.get("server/v1/audit?limit=1000").path("items").forEach(records::add);
            assertEquals(expected, records.size(), "one record per request, no more: " + records);

            List<String> wrongRecords = new ArrayList<>();
            for (Call c : calls) {
                List<JsonNode> matching = records.stream().filter(r -> r.path("requestId").asText()
                        .equals(c.requestId())).toList();
                if (matching.size() != 1) {
                    wrongRecords.add(c + ": " + matching.size() + " records");
                    continue;
                }
                JsonNode r = matching.get(0);
                // A request refused while the framework matched it (405, 415, a path no resource serves) is refused
                // before authentication: its record has no user, as its answer told the client nothing more.
                String user = c.authenticated() ? "admin" : null;
                if (!r.path("event").asText().equals("request") || !r.path("method").asText().equals(c.method())
                        || !r.path("path").asText().equals(c.path()) || r.path("status").asInt() != c.status()
                        || !Objects.equals(user, r.path("user").textValue())
                        || !Objects.equals(user, r.path("role").textValue())
                        || !"127.0.0.1".equals(r.path("source").asText())) {
                    wrongRecords.add(c + ": " + r);
                }
            }
            assertEquals(List.of(), wrongRecords, "each call has one record with its user, method, path, status");
            assertTrue(calls.stream().filter(Call::authenticated).count() >= 20, "most calls reached their resource");
            JsonNode create = records.stream().filter(r -> "audit-it-create-1".equals(r.path("requestId").asText()))
                    .findFirst().orElseThrow();
            assertEquals("MANAGER_CONNECTOR", create.path("objectType").asText());
            assertEquals(Long.toString(mc), create.path("objectId").asText());
            assertEquals(mcJob, create.path("jobId").asLong());
            JsonNode auditorRecord = records.stream().filter(r -> "ann".equals(r.path("user").asText()))
                    .findFirst().orElseThrow();
            assertEquals(403, auditorRecord.path("status").asInt());
            assertEquals("auditor", auditorRecord.path("role").asText());
            assertEquals(refusedCall.path(), auditorRecord.path("path").asText());
            List<JsonNode> failures = records.stream().filter(r -> "login-failure".equals(r.path("event").asText()))
                    .toList();
            assertEquals(2, failures.size(), failures.toString());
            for (JsonNode failure : failures) {
                assertEquals("admin", failure.path("user").asText(), "the name tried");
                assertEquals(401, failure.path("status").asInt());
                assertFalse(failure.path("detail").asText().isBlank());
                assertTrue(failure.path("role").isNull() || failure.path("role").isMissingNode(),
                        "not authenticated: no role");
            }

            // filters and pages
            assertEquals(2, ann.get("server/v1/audit?status=401&user=admin").path("items").size());
            assertEquals(1, ann.get("server/v1/audit?user=ann").path("items").size());
            assertEquals(1, ann.get("server/v1/audit?objectType=MANAGER_CONNECTOR&objectId=" + mc + "&method=POST")
                    .path("items").size());
            JsonNode page = ann.get("server/v1/audit?limit=5");
            assertEquals(5, page.path("items").size());
            Set<Long> ids = new HashSet<>();
            int pages = 0;
            while (true) {
                page.path("items").forEach(r -> assertTrue(ids.add(r.path("id").asLong()), "each record once"));
                pages++;
                if (!page.hasNonNull("next")) {
                    break;
                }
                page = ann.get(page.path("next").asText().substring("/api/".length()));
            }
            assertEquals(expected, ids.size(), "the pages cover the trail");
            assertTrue(pages >= expected / 5);
            assertEquals(400, ann.send("GET", "server/v1/audit?since=yesterday", null).status());

            // the audit log file: the same records as JSON lines, owner-only
            Path auditLog = server.home().resolve("data/logs/audit.log");
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(auditLog));
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(auditLog, StandardCharsets.UTF_8)) {
                lines.add(JSON.readTree(line));
            }
            assertEquals(records.size(), lines.size(), "the file has each record once");
            Set<String> fromDb = new HashSet<>();
            records.forEach(r -> fromDb.add(r.path("requestId").asText() + " " + r.path("method").asText() + " "
                    + r.path("path").asText() + " " + r.path("status").asInt() + " " + r.path("user").textValue()));
            Set<String> fromFile = new HashSet<>();
            lines.forEach(r -> fromFile.add(r.path("requestId").asText() + " " + r.path("method").asText() + " "
                    + r.path("path").asText() + " " + r.path("status").asInt() + " " + r.path("user").textValue()));
            assertEquals(fromDb, fromFile);

            // osc.log in JSON: every line parses; the key rotation's line carries its request id and user, a
            // job's lines their job id
            OscRest.Answer rotated = osc.send("POST", "server/v1/serverManagement/secretKeys/rotate", null,
                    "X-Request-Id", "audit-it-rotate");
            assertEquals(200, rotated.status(), rotated.body());
            OscRest.within(Duration.ofSeconds(10), "the rotation logged with its request id",
                    () -> oscLog(server).stream().anyMatch(l -> "audit-it-rotate".equals(
                            l.path("mdc").path("requestId").asText()) && "admin".equals(l.path("mdc").path("user")
                                    .asText())), () -> "osc.log");
            assertTrue(oscLog(server).stream().anyMatch(l -> Long.toString(mcJob).equals(
                    l.path("mdc").path("jobId").asText())), "a job's lines carry its id");
        }
    }

    private static Call call(String method, String path, OscRest.Answer answer) {
        boolean matched = answer.status() != 405 && answer.status() != 415
                && !(answer.status() == 404 && answer.body().contains("No resource at this path"));
        return new Call(method, path, answer.status(), answer.headers().firstValue("X-Request-Id").orElse(null),
                matched);
    }

    /** @return osc.log's lines, each parsed as JSON (a line that is not JSON fails the test) */
    private static List<JsonNode> oscLog(DistributionProcess server) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(server.home().resolve("data/logs/osc.log"),
                    StandardCharsets.UTF_8)) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("osc.log is not JSON lines: " + e.getMessage(), e);
        }
    }
}
