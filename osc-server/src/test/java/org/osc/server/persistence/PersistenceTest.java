package org.osc.server.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.error.ConflictException;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.JobStatus;
import org.osc.server.job.NewJob;
import org.osc.server.job.ObjectRef;
import org.osc.server.job.Runner;
import org.osc.server.job.TaskRecord;
import org.osc.server.job.TaskState;
import org.osc.server.job.TaskStatus;
import org.osc.server.jobstore.JpaJobStore;
import org.osc.server.user.Role;
import org.osc.server.user.UserService;

/** The stores on a real database, H2 and PostgreSQL: what is committed is there after a reopen. */
class PersistenceTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void usersSurviveReopenAndNamesStayUnique(String kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            assertTrue(Integer.parseInt(db.schemaVersion()) >= 3, "migrated: " + db.schemaVersion());
            UserService users = new UserService(db, Clock.systemUTC());
            users.create("alice", "password-1", "admin");
            users.create("bob", "password-2", "auditor");
            assertThrows(ConflictException.class, () -> users.create("bob", "password-3", "admin"));
        }
        if (kind.equals("h2")) {
            try (Database db = TestDatabases.h2(dir)) {
                UserService users = new UserService(db, Clock.systemUTC());
                assertEquals(List.of("alice", "bob"), users.list().stream().map(u -> u.name()).toList());
                assertEquals(Role.AUDITOR, users.get("bob").role());
                assertTrue(users.authenticate("bob", "password-2").isPresent());
                assertTrue(users.authenticate("bob", "wrong-pass").isEmpty());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void jobsAndTasksRoundTripAndAbortOnRestart(String kind) {
        ObjectRef group = ObjectRef.of("SECURITY_GROUP", 7);
        long jobId;
        try (Database db = TestDatabases.open(kind, dir)) {
            JpaJobStore store = new JpaJobStore(db);
            jobId = store.create(new NewJob("Sync security group 'web'", List.of(group), Instant.now(), "alice"));
            JobRecord queued = store.findJob(jobId).orElseThrow();
            assertEquals("alice", queued.startedBy());
            assertEquals(JobState.QUEUED, queued.state());
            assertEquals(List.of(), store.tasks(jobId));
            Instant now = Instant.now();
            JobRecord running = new JobRecord(jobId, queued.name(), JobState.RUNNING, null, null, queued.queued(),
                    now, null, 2, 1, queued.objects());
            TaskRecord first = new TaskRecord(0, jobId, 0, "first", TaskState.COMPLETED, TaskStatus.PASSED, null,
                    List.of(), List.of(group), now, now);
            TaskRecord second = new TaskRecord(0, jobId, 1, "second", TaskState.RUNNING, null, null, List.of(),
                    List.of(), now, null);
            TaskRecord foreign = new TaskRecord(1000, jobId, 5, "other", TaskState.RUNNING, null, null, List.of(),
                    List.of(), now, null);
            assertThrows(NoSuchElementException.class, () -> store.update(Runner.LOCAL, running,
                    List.of(first, foreign)));
            assertEquals(JobState.QUEUED, store.findJob(jobId).orElseThrow().state(), "a failed step writes nothing");
            assertEquals(List.of(), store.tasks(jobId));

            List<TaskRecord> stored = store.update(Runner.LOCAL, running, List.of(first, second));
            assertEquals(List.of(stored.get(0).id()), stored.get(1).predecessorIds(), "a chain, in one write");
            assertEquals(stored.stream().map(TaskRecord::id).toList(),
                    store.tasks(jobId).stream().map(TaskRecord::id).toList());
            assertEquals(1, store.findJob(jobId).orElseThrow().taskCompleted());
            TaskRecord third = new TaskRecord(0, jobId, 2, "third", TaskState.RUNNING, null, null, List.of(),
                    List.of(), now, null);
            JobRecord three = new JobRecord(jobId, queued.name(), JobState.RUNNING, null, null, queued.queued(), now,
                    null, 3, 1, queued.objects());
            TaskRecord thirdStored = store.update(Runner.LOCAL, three, List.of(third)).get(0);
            assertEquals(List.of(stored.get(1).id()), thirdStored.predecessorIds(), "a chain, across writes");
            assertEquals(3, store.findJob(jobId).orElseThrow().taskCount());

            assertEquals(1, store.abortRunning("Server restarted while the job was running"));
            JobRecord aborted = store.findJob(jobId).orElseThrow();
            assertEquals(JobState.COMPLETED, aborted.state());
            assertEquals(JobStatus.ABORTED, aborted.status());
            assertEquals("Server restarted while the job was running", aborted.failureReason());
            List<TaskRecord> after = store.tasks(jobId);
            assertEquals(TaskStatus.PASSED, after.get(0).status(), "a completed task keeps its outcome");
            assertEquals(List.of(group), after.get(0).objects());
            assertEquals(TaskStatus.ABORTED, after.get(1).status());
            assertEquals(TaskStatus.ABORTED, after.get(2).status());
            assertEquals(List.of(group), aborted.objects());
            assertEquals("alice", aborted.startedBy(), "who started it stays");
            assertEquals(1, store.listJobs(JobState.COMPLETED, 10).size());
            assertEquals(0, store.listJobs(JobState.RUNNING, 10).size());
        }
    }
}
