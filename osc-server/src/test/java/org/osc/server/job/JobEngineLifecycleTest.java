package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class JobEngineLifecycleTest {

    private final InMemoryJobStore store = new InMemoryJobStore();
    private final JobEngine engine = new JobEngine(store);

    @AfterEach
    void close() {
        engine.close(Duration.ofSeconds(1));
    }

    @Test
    void startAbortsWhatThePreviousRunLeftUnfinished() {
        long id = store.create(new NewJob("left over", List.of(), Instant.now()));
        store.update(Runner.LOCAL, store.findJob(id).orElseThrow().running(Instant.now()).withTasks(1, 0),
                List.of(TaskRecord.started(id, 0, "t", Instant.now())));

        engine.start();

        JobRecord job = store.findJob(id).orElseThrow();
        assertEquals(JobState.COMPLETED, job.state());
        assertEquals(JobStatus.ABORTED, job.status());
        assertEquals("Server restarted while the job was running", job.failureReason());
        assertEquals(TaskStatus.ABORTED, store.tasks(id).get(0).status());
        assertTrue(engine.isAccepting());
    }

    @Test
    void refusesJobsBeforeStartAndAfterCloseAndASecondStart() {
        assertThrows(IllegalStateException.class, () -> engine.prepare("j", List.of()));
        assertTrue(store.listJobs(null, 0).isEmpty());

        engine.start();
        assertThrows(IllegalStateException.class, engine::start);
        engine.close(Duration.ofSeconds(1));

        assertFalse(engine.isAccepting());
        assertThrows(IllegalStateException.class, () -> engine.prepare("j", List.of()));
        assertTrue(store.listJobs(null, 0).isEmpty());
        engine.close(Duration.ofSeconds(1)); // a second close does nothing
    }

    @Test
    void awaitOnUnknownJobFails() {
        engine.start();
        assertThrows(NoSuchElementException.class, () -> engine.await(42, Waits.LONG));
    }

    @Test
    void closeAbortsQueuedJobsAndStopsRunningOnesAfterTheirCurrentStep() throws Exception {
        engine.start();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondTaskRan = new AtomicBoolean();
        long running = Chain.submit(engine, Chain.named("running")
                .then("current", Waits.blockUntil(started, release))
                .then("next", ctx -> secondTaskRan.set(true)));
        long queued = Chain.named("queued").then("t", ctx -> { }).prepare(engine).id();
        Waits.await(started);

        Thread closer = new Thread(() -> engine.close(Waits.LONG));
        closer.start();
        // the queued job is aborted as soon as the shutdown begins, while the running task still blocks
        JobRecord queuedJob = engine.await(queued, Waits.LONG);
        release.countDown();
        closer.join(Waits.LONG.toMillis());

        assertFalse(closer.isAlive());
        assertEquals(JobStatus.ABORTED, queuedJob.status());
        assertEquals("Server shut down", queuedJob.failureReason());
        assertNull(queuedJob.started());
        assertEquals(List.of(), store.tasks(queued), "it never took a step");

        JobRecord runningJob = store.findJob(running).orElseThrow();
        assertEquals(JobState.COMPLETED, runningJob.state());
        assertEquals(JobStatus.ABORTED, runningJob.status());
        assertEquals("Server shut down", runningJob.failureReason());
        List<TaskRecord> tasks = store.tasks(running);
        assertEquals(1, tasks.size(), "no step starts once the shutdown began");
        assertEquals(TaskStatus.PASSED, tasks.get(0).status());
        assertFalse(secondTaskRan.get());
    }

    @Test
    void closeMarksJobsThatOutliveTheGracePeriodAbortedAndWhatTheyDoLaterChangesNothing() throws Exception {
        engine.start();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long id = Chain.submit(engine, Chain.named("stuck").then("wait", Waits.blockUntil(started, release)));
        Waits.await(started);

        engine.close(Duration.ofMillis(100));

        JobRecord job = store.findJob(id).orElseThrow();
        assertEquals(JobStatus.ABORTED, job.status());
        assertEquals("Server shut down", job.failureReason());
        TaskRecord task = store.tasks(id).get(0);
        assertEquals(TaskStatus.ABORTED, task.status());
        assertEquals("Server shut down", task.failureReason());
        assertEquals(job, engine.await(id, Waits.LONG));
        release.countDown(); // the step ends after the abort: nothing it does reaches the store
        Thread.sleep(100);
        assertEquals(job, store.findJob(id).orElseThrow());
        assertEquals(task, store.tasks(id).get(0));
    }
}
