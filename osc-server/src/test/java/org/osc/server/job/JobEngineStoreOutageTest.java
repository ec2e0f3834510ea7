package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A job that ends while its store does not answer (the database went away during the job): it ends all the same,
 * as its body says, and its end reaches the store once the store answers again, instead of the store showing it
 * RUNNING until the server restarts.
 */
@Timeout(60)
class JobEngineStoreOutageTest {

    private final OutageStore store = new OutageStore();
    private final JobEngine engine = new JobEngine(store);

    JobEngineStoreOutageTest() {
        engine.start();
    }

    @AfterEach
    void close() {
        engine.close(Duration.ofSeconds(1));
    }

    @Test
    void aJobThatPassesWhileTheStoreIsAwayIsWrittenPassedWhenItAnswers() throws Exception {
        JobOutcome<Void> outcome = Chain.run(engine, Chain.named("Reconcile security group 'web'")
                .then("read", ctx -> { })
                .then("write port group", ctx -> store.down.set(true)));

        assertEquals(JobStatus.PASSED, outcome.job().status(), "the job ended as its body did");
        assertEquals(1, engine.unwrittenEnds(), "its end waits to be written");
        assertTrue(stored(outcome).state() != JobState.COMPLETED, "the store did not take it: " + stored(outcome));
        Thread.sleep(1500);
        assertEquals(1, engine.unwrittenEnds(), "still waiting for the store");

        store.down.set(false);
        awaitWritten(outcome);
        JobRecord job = stored(outcome);
        assertEquals(JobStatus.PASSED, job.status());
        assertEquals(2, job.taskCount());
        assertEquals(List.of(TaskStatus.PASSED, TaskStatus.PASSED),
                store.tasks(job.id()).stream().map(TaskRecord::status).toList());
    }

    @Test
    void aJobThatFailsBecauseTheStoreWentAwayIsWrittenFailedWithItsReasonWhenItAnswers() throws Exception {
        JobOutcome<Void> outcome = Chain.run(engine, Chain.named("Reconcile security group 'db'")
                .then("read", ctx -> {
                    store.down.set(true);
                    throw new IllegalStateException("Unable to acquire JDBC Connection");
                }));

        assertEquals(JobStatus.FAILED, outcome.job().status());
        store.down.set(false);
        awaitWritten(outcome);
        JobRecord job = stored(outcome);
        assertEquals(JobStatus.FAILED, job.status());
        assertEquals("Task 'read' failed: Unable to acquire JDBC Connection", job.failureReason());
        assertEquals(1, store.tasks(job.id()).size());
    }

    private JobRecord stored(JobOutcome<?> outcome) {
        return store.findJob(outcome.job().id()).orElseThrow();
    }

    private void awaitWritten(JobOutcome<?> outcome) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (stored(outcome).state() != JobState.COMPLETED || engine.unwrittenEnds() > 0) {
            assertTrue(System.nanoTime() < deadline, "written within 5 s: " + stored(outcome));
            Thread.sleep(20);
        }
    }

    /** A job store that fails every write while {@link #down} is set, as one whose database went away. */
    private static final class OutageStore implements JobStore {

        final AtomicBoolean down = new AtomicBoolean();
        private final InMemoryJobStore delegate = new InMemoryJobStore();

        @Override
        public long create(NewJob job) {
            check();
            return delegate.create(job);
        }

        @Override
        public List<TaskRecord> update(Runner runner, JobRecord job, List<TaskRecord> tasks) {
            check();
            return delegate.update(runner, job, tasks);
        }

        @Override
        public Optional<JobRecord> claim(long jobId, Runner runner) {
            check();
            return delegate.claim(jobId, runner);
        }

        @Override
        public Optional<JobRecord> endAbandoned(long jobId, Runner runner, String reason, Instant now) {
            check();
            return delegate.endAbandoned(jobId, runner, reason, now);
        }

        @Override
        public Optional<JobRecord> findJob(long jobId) {
            return delegate.findJob(jobId);
        }

        @Override
        public List<JobRecord> listJobs(JobState state, int limit) {
            return delegate.listJobs(state, limit);
        }

        @Override
        public List<TaskRecord> tasks(long jobId) {
            return delegate.tasks(jobId);
        }

        @Override
        public int abortRunning(String reason) {
            return delegate.abortRunning(reason);
        }

        private void check() {
            if (down.get()) {
                throw new IllegalStateException("Unable to acquire JDBC Connection");
            }
        }
    }
}
