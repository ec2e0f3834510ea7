package org.osc.server.jobstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.JobStatus;
import org.osc.server.job.JobTakenOverException;
import org.osc.server.job.NewJob;
import org.osc.server.job.Runner;
import org.osc.server.job.TaskRecord;
import org.osc.server.job.TaskState;
import org.osc.server.job.TaskStatus;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;

/**
 * The job store's fencing on H2 and PostgreSQL ({@code OSC_TEST_PG_URL}; skipped without it, failed under
 * {@code OSC_REQUIRE_PG}): a run's write is a compare-and-set on its job's row, and adoptions and takeovers take the
 * row over, so that an old leader resumed after its lease passed writes nothing over a job the new leader took.
 * The races run on two handles of the database, as two replicas.
 */
@Timeout(120)
class JpaJobStoreFencingTest {

    private static final Runner OLD = Runner.leader("replica-0", 4);
    private static final Runner NEW = Runner.leader("replica-1", 5);
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @TempDir
    Path dir;

    private Database first;
    private Database second;

    @AfterEach
    void close() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private JpaJobStore[] replicas(String kind) {
        first = TestDatabases.open(kind, dir);
        second = TestDatabases.openAgain(kind, dir);
        return new JpaJobStore[] {new JpaJobStore(first), new JpaJobStore(second)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aRunsWritesAfterATakeoverChangeNeitherTheJobNorItsTasks(String kind) {
        JpaJobStore[] stores = replicas(kind);
        JpaJobStore oldLeader = stores[0];
        JpaJobStore newLeader = stores[1];
        JobRecord running = running(oldLeader, OLD);
        TaskRecord step = oldLeader.tasks(running.id()).get(0);

        JobRecord ended = newLeader.endAbandoned(running.id(), NEW, "taken over", T0.plusSeconds(5)).orElseThrow();
        assertEquals(JobStatus.ABORTED, ended.status());
        assertEquals("replica-1", ended.runner());
        List<TaskRecord> endedTasks = newLeader.tasks(running.id());
        assertEquals(TaskStatus.ABORTED, endedTasks.get(0).status());

        // the old leader resumes: it ends its step, starts another and ends the job, in one write
        JobRecord passed = new JobRecord(running.id(), running.name(), JobState.COMPLETED, JobStatus.PASSED, null,
                running.queued(), running.started(), T0.plusSeconds(9), 2, 2, running.objects(), null, "replica-0");
        List<TaskRecord> late = List.of(completed(step), new TaskRecord(0, running.id(), 1, "late", TaskState.COMPLETED,
                TaskStatus.PASSED, null, List.of(), List.of(), T0.plusSeconds(8), T0.plusSeconds(9)));
        JobTakenOverException refused = assertThrows(JobTakenOverException.class,
                () -> oldLeader.update(OLD, passed, late));

        assertEquals("replica-1", refused.runner());
        assertEquals(ended, oldLeader.findJob(running.id()).orElseThrow());
        assertEquals(endedTasks, oldLeader.tasks(running.id()), "no task of the late write landed");
        // nor can the old leader take it back, while the new leader writes on
        assertTrue(oldLeader.endAbandoned(running.id(), OLD, "no", T0).isEmpty());
        assertThrows(NoSuchElementException.class, () -> oldLeader.update(OLD, withId(passed, 999_999), List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aQueuedJobIsClaimedByTheNewestTermOnly(String kind) {
        JpaJobStore[] stores = replicas(kind);
        long id = stores[0].create(new NewJob("stored by a follower", List.of(), T0, "alice", Runner.NONE));
        assertEquals(null, stores[0].findJob(id).orElseThrow().runner());

        assertEquals("replica-0", stores[0].claim(id, OLD).orElseThrow().runner());
        assertEquals("replica-1", stores[1].claim(id, NEW).orElseThrow().runner());
        assertEquals(Optional.empty(), stores[0].claim(id, OLD), "an older term takes nothing from a newer one");

        JobRecord queued = stores[0].findJob(id).orElseThrow();
        JobRecord start = new JobRecord(id, queued.name(), JobState.RUNNING, null, null, queued.queued(), T0, null, 0,
                0, List.of(), "alice", null);
        assertThrows(JobTakenOverException.class, () -> stores[0].update(OLD, start, List.of()));
        assertEquals(JobState.QUEUED, stores[0].findJob(id).orElseThrow().state());
        stores[1].update(NEW, start, List.of());
        assertEquals(JobState.RUNNING, stores[0].findJob(id).orElseThrow().state());
        assertEquals(Optional.empty(), stores[1].claim(id, NEW), "only a QUEUED job is claimed");
        assertEquals("alice", stores[0].findJob(id).orElseThrow().startedBy());
        // a single process (no election) takes over anything: an installation that stopped being HA
        assertTrue(stores[0].endAbandoned(id, Runner.sole("osc-1"), "restarted", T0).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aTakeoverRacingTheOldRunsEndLeavesOneOfThemWhole(String kind) throws Exception {
        JpaJobStore[] stores = replicas(kind);
        int takenOver = 0;
        for (int i = 0; i < 20; i++) {
            JobRecord running = running(stores[0], OLD);
            TaskRecord step = stores[0].tasks(running.id()).get(0);
            JobRecord passed = new JobRecord(running.id(), running.name(), JobState.COMPLETED, JobStatus.PASSED, null,
                    running.queued(), running.started(), T0.plusSeconds(9), 2, 2, running.objects(), null, null);
            List<TaskRecord> late = List.of(completed(step), new TaskRecord(0, running.id(), 1, "late",
                    TaskState.COMPLETED, TaskStatus.PASSED, null, List.of(), List.of(), T0, T0));
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Boolean> oldWrote = CompletableFuture.supplyAsync(() -> {
                await(go);
                try {
                    stores[0].update(OLD, passed, late);
                    return true;
                } catch (JobTakenOverException e) {
                    return false;
                }
            });
            CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> {
                await(go);
                return stores[1].endAbandoned(running.id(), NEW, "taken over", T0.plusSeconds(5)).isPresent();
            });
            go.countDown();
            boolean wrote = oldWrote.get(30, TimeUnit.SECONDS);
            boolean tookOver = ended.get(30, TimeUnit.SECONDS);

            JobRecord job = stores[0].findJob(running.id()).orElseThrow();
            List<TaskRecord> tasks = stores[0].tasks(running.id());
            if (wrote && !tookOver) {
                // the old run ended first: its end is whole, and the takeover found nothing open
                assertEquals(JobStatus.PASSED, job.status());
                assertEquals("replica-0", job.runner());
                assertEquals(List.of(TaskStatus.PASSED, TaskStatus.PASSED), tasks.stream().map(TaskRecord::status)
                        .toList());
            } else if (tookOver && !wrote) {
                takenOver++;
                assertEquals(JobStatus.ABORTED, job.status());
                assertEquals("replica-1", job.runner());
                assertEquals(List.of(TaskStatus.ABORTED), tasks.stream().map(TaskRecord::status).toList());
            } else {
                fail("both or neither: wrote " + wrote + ", took over " + tookOver + ": " + job + " " + tasks);
            }
        }
        System.out.printf("%s: of 20 races of a takeover and the old run's end, the takeover came first %d times%n",
                kind, takenOver);
    }

    /** @return a job the runner stored and runs: RUNNING, its first step RUNNING, as written */
    private static JobRecord running(JpaJobStore store, Runner runner) {
        long id = store.create(new NewJob("Reconcile security group 'web'", List.of(), T0, null, runner));
        JobRecord queued = store.findJob(id).orElseThrow();
        JobRecord running = new JobRecord(id, queued.name(), JobState.RUNNING, null, null, queued.queued(), T0, null,
                1, 0, List.of(), null, runner.identity());
        store.update(runner, running, List.of(new TaskRecord(0, id, 0, "Port group", TaskState.RUNNING, null, null,
                List.of(), List.of(), T0, null)));
        return store.findJob(id).orElseThrow();
    }

    private static TaskRecord completed(TaskRecord task) {
        return new TaskRecord(task.id(), task.jobId(), task.position(), task.name(), TaskState.COMPLETED,
                TaskStatus.PASSED, null, task.predecessorIds(), task.objects(), task.started(), T0.plusSeconds(8));
    }

    private static JobRecord withId(JobRecord job, long id) {
        return new JobRecord(id, job.name(), job.state(), job.status(), job.failureReason(), job.queued(),
                job.started(), job.completed(), job.taskCount(), job.taskCompleted(), job.objects(), job.startedBy(),
                job.runner());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
