package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.itests.dist.OscRest.json;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The distribution takes over the jobs a killed run left, and runs jobs another replica stored: after
 * {@code kill -9}, the restarted server runs the job that was QUEUED (it does not abort it) and ends the one that
 * was RUNNING with a reason naming the job that reconciles its group again; a QUEUED job stored in the database
 * as another replica stores one (with its notification on PostgreSQL) is run within the poll interval (H2) or at
 * once (PostgreSQL). Prints how long that took.
 */
class JobTakeoverIT {

    private static final String PASSWORD = "takeover-admin-password";

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aRestartedServerFinishesWhatAKilledOneLeftAndRunsJobsAnotherReplicaStored(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.start(kind, folder);
                TestCluster cluster = TestCluster.start(folder.resolve("cluster"));
                DistributionProcess server = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            String shop = cluster.namespace("shop");
            cluster.createNamespace(shop);
            database.configure(server);
            server.env("OSC_JOB_ADOPT_POLL_SECONDS", "1");
            server.start();
            OscRest osc = new OscRest(server.url(), PASSWORD);
            OscRest.within(Duration.ofSeconds(60), "the distribution's plugins loaded",
                    () -> osc.get("server/v1/plugins").path("items").size() == 3, () -> osc.get("server/v1/plugins"));
            long vc = osc.post(201, "server/v1/virtualizationConnectors", json(Map.of("name", "cluster", "type",
                    "KUBERNETES", "controllerType", "SampleSdn", "kubeconfig", cluster.kubeconfig()))).path("id")
                    .asLong();
            long sg = osc.passedJobOf(osc.post(201, "server/v1/virtualizationConnectors/" + vc + "/securityGroups",
                    json(Map.of("name", "web", "namespaces", List.of(shop))))).path("id").asLong();
            server.kill();

            // what the killed run left: its group's job RUNNING (a step RUNNING), another job QUEUED
            long running;
            long queued;
            try (Connection connection = database.connect()) {
                running = storeJob(connection, sg, "RUNNING", false);
                queued = storeJob(connection, sg, "QUEUED", false);
            }
            server.start();

            JsonNode ended = completed(osc, running);
            assertEquals("ABORTED", ended.path("status").asText(), ended.toString());
            Matcher again = Pattern.compile("^The OSC server running it stopped before it ended; reconciled again by "
                    + "job (\\d+)$").matcher(ended.path("failureReason").asText());
            assertTrue(again.find(), ended.toString());
            osc.passed(Long.parseLong(again.group(1)));
            osc.passed(queued);
            JsonNode tasks = osc.get("server/v1/jobs/" + running + "/tasks").path("items");
            assertEquals("ABORTED", tasks.path(0).path("status").asText(), tasks.toString());

            // another replica stores a job for the group (with its notification on PostgreSQL)
            long before = System.nanoTime();
            long other;
            try (Connection connection = database.connect()) {
                other = storeJob(connection, sg, "QUEUED", kind.equals("postgresql"));
            }
            osc.passed(other);
            System.out.printf("TAKEOVER %s: a job another replica stored -> PASSED on this server in %d ms (%s)%n",
                    kind, (System.nanoTime() - before) / 1_000_000,
                    kind.equals("postgresql") ? "NOTIFY" : "poll every 1 s");
        }
    }

    /** Stores a job of the group as a replica of OSC stores one, in one transaction. */
    private static long storeJob(Connection connection, long group, String state, boolean notify)
            throws SQLException {
        connection.setAutoCommit(false);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean runs = state.equals("RUNNING");
        long id;
        try (PreparedStatement job = connection.prepareStatement("INSERT INTO job (name, state, queued, started, "
                + "task_count, task_completed, started_by) VALUES (?, ?, ?, ?, ?, 0, 'admin')", new String[] {"id"})) {
            job.setString(1, "Reconcile security group 'web'");
            job.setString(2, state);
            job.setObject(3, now);
            job.setObject(4, runs ? now : null);
            job.setInt(5, runs ? 1 : 0);
            job.executeUpdate();
            try (ResultSet keys = job.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement object = connection.prepareStatement("INSERT INTO job_object (job_id, position, "
                + "object_type, object_id) VALUES (?, 0, 'SECURITY_GROUP', ?)")) {
            object.setLong(1, id);
            object.setLong(2, group);
            object.executeUpdate();
        }
        if (runs) {
            try (PreparedStatement task = connection.prepareStatement("INSERT INTO task (job_id, position, name, "
                    + "state, started) VALUES (?, 0, 'Port group', 'RUNNING', ?)")) {
                task.setLong(1, id);
                task.setObject(2, now);
                task.executeUpdate();
            }
        }
        if (notify) {
            try (PreparedStatement pg = connection.prepareStatement("SELECT pg_notify('osc_jobs', ?)")) {
                pg.setString(1, Long.toString(id));
                pg.execute();
            }
        }
        connection.commit();
        return id;
    }

    private static JsonNode completed(OscRest osc, long jobId) {
        OscRest.within(Duration.ofSeconds(60), "job " + jobId + " completed",
                () -> "COMPLETED".equals(osc.get("server/v1/jobs/" + jobId).path("state").asText()),
                () -> osc.get("server/v1/jobs/" + jobId));
        return osc.get("server/v1/jobs/" + jobId);
    }
}
