package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code --wait}: following a job to PASSED (0), FAILED or ABORTED (1), or past the timeout (7). */
class WaitTest extends FakeServerTest {

    @Override
    FakeServer routes(FakeServer fresh) {
        return fresh
                .on("GET", "applianceManagerConnectors", 200, "{\"items\":[{\"id\":4,\"name\":\"manager-1\"}]}")
                .on("POST", "applianceManagerConnectors/4/sync", 202, "{\"jobId\":7}");
    }

    private static String job(String state, String status, int done, String reason) {
        return "{\"id\":7,\"name\":\"Sync mc 'manager-1'\",\"state\":\"" + state + "\",\"status\":"
                + (status == null ? "null" : "\"" + status + "\"") + ",\"failureReason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + ",\"taskCount\":2,\"taskCompleted\":" + done + "}";
    }

    @Test
    void aJobFollowedToPassedExits0WithProgressOnStderr() {
        server.on("GET", "jobs/7", 200, job("QUEUED", null, 0, null))
                .on("GET", "jobs/7", 200, job("RUNNING", null, 1, null))
                .on("GET", "jobs/7", 200, job("COMPLETED", "PASSED", 2, null));
        Cli.Result result = Cli.against(server, home).run("sync", "mc", "manager-1", "--wait");
        assertEquals(0, result.code(), result.toString());
        assertEquals("job 7 PASSED\n", result.out());
        assertTrue(result.err().contains("syncing mc 'manager-1' (id 4); following job 7"), result.err());
        assertTrue(result.err().contains("job 7 Sync mc 'manager-1': task 0 of 2, QUEUED\n"), result.err());
        assertTrue(result.err().contains("job 7 Sync mc 'manager-1': task 1 of 2, RUNNING\n"), result.err());
        assertTrue(result.err().contains("task 2 of 2, COMPLETED PASSED"), result.err());
        assertEquals(3, server.requests("GET", "jobs/7").size());
    }

    @Test
    void withoutWaitTheJobIdIsPrintedOrReturnedAsJson() throws Exception {
        Cli.Result result = Cli.against(server, home).run("sync", "mc", "4");
        assertEquals(0, result.code());
        assertEquals("syncing mc 4; job 7\n", result.out());
        Cli.Result json = Cli.against(server, home).run("sync", "mc", "4", "-o", "json");
        assertEquals(7, new ObjectMapper().readTree(json.out()).path("jobId").asInt(), json.out());
        assertTrue(server.requests("GET", "jobs/7").isEmpty());
    }

    @Test
    void aFailedJobExits1WithItsReason() {
        server.on("GET", "jobs/7", 200, job("RUNNING", null, 1, null))
                .on("GET", "jobs/7", 200, job("COMPLETED", "FAILED", 1, "Manager 127.0.0.1 refused the login"));
        Cli.Result result = Cli.against(server, home).run("sync", "mc", "manager-1", "--wait");
        assertEquals(ExitCodes.JOB_FAILED, result.code(), result.toString());
        assertTrue(result.err().endsWith("error: job 7 FAILED: Manager 127.0.0.1 refused the login\n"),
                result.err());
        assertEquals("", result.out());
    }

    @Test
    void anAbortedJobWithoutReasonShowsItsFailedTask() {
        server.on("GET", "jobs/7", 200, job("COMPLETED", "ABORTED", 1, null))
                .on("GET", "jobs/7/tasks", 200, "{\"items\":[{\"name\":\"Read domains\",\"status\":\"PASSED\"},"
                        + "{\"name\":\"Write devices\",\"status\":\"ABORTED\",\"failReason\":\"Server restarted\"}]}");
        Cli.Result result = Cli.against(server, home).run("sync", "mc", "manager-1", "--wait");
        assertEquals(ExitCodes.JOB_FAILED, result.code(), result.toString());
        assertTrue(result.err().endsWith("error: job 7 ABORTED: Write devices: Server restarted\n"), result.err());
    }

    @Test
    void aJobStillRunningAtTheTimeoutExits7() {
        server.on("GET", "jobs/7", 200, job("RUNNING", null, 1, null));
        long started = System.nanoTime();
        Cli.Result result = Cli.against(server, home).run("sync", "mc", "manager-1", "--wait", "--timeout", "1");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ExitCodes.TIMEOUT, result.code(), result.toString());
        assertTrue(result.err().contains("error: job 7 still RUNNING after 1 s (task 1 of 2); follow it with: "
                + "oscctl job 7 --wait"), result.err());
        assertTrue(millis >= 1000 && millis < 5000, "took " + millis + " ms");
        assertEquals(1, result.err().lines().filter(l -> l.contains("task 1 of 2, RUNNING")).count(),
                "a progress line only when something changes");
    }

    @Test
    void aCreateThatStartsAJobCanBeFollowed() {
        server.on("POST", "applianceManagerConnectors", 201, "{\"id\":4,\"jobId\":7}")
                .on("GET", "jobs/7", 200, job("COMPLETED", "PASSED", 2, null));
        Cli.Result result = Cli.against(server, home).run("create", "mc", "--name", "manager-1", "--wait");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.err().contains("created manager connector 'manager-1' (id 4); following job 7"),
                result.err());
        assertEquals("job 7 PASSED\n", result.out());
    }

    @Test
    void aDeleteThatStartsAJobCanBeFollowed() {
        server.on("GET", "virtualizationConnectors", 200, "{\"items\":[{\"id\":3,\"name\":\"c\"}]}")
                .on("GET", "virtualizationConnectors/3/securityGroups", 200,
                        "{\"items\":[{\"id\":8,\"name\":\"web\"}]}")
                .on("DELETE", "virtualizationConnectors/3/securityGroups/8", 202, "{\"jobId\":7}")
                .on("GET", "jobs/7", 200, job("COMPLETED", "PASSED", 2, null))
                .answer("DELETE", "virtualizationConnectors/3/securityGroups/8/force",
                        new FakeServer.Answer(204, null, null));
        Cli.Result result = Cli.against(server, home).run("delete", "sg", "web", "--vc", "c", "--wait");
        assertEquals(0, result.code(), result.toString());
        assertEquals("job 7 PASSED\n", result.out());
        Cli.Result forced = Cli.against(server, home).run("delete", "sg", "8", "--vc", "3", "--force", "--wait");
        assertEquals(0, forced.code(), forced.toString());
        assertEquals("deleted sg 8\n", forced.out());
    }

    @Test
    void followingAnExistingJob() {
        server.on("GET", "jobs/7", 200, job("COMPLETED", "FAILED", 2, "boom"));
        Cli.Result result = Cli.against(server, home).run("job", "7", "--wait");
        assertEquals(ExitCodes.JOB_FAILED, result.code(), result.toString());
        assertTrue(result.err().endsWith("error: job 7 FAILED: boom\n"), result.err());
    }
}
