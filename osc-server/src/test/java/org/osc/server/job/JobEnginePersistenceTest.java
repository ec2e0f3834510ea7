package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class JobEnginePersistenceTest {

    private final RecordingJobStore store = new RecordingJobStore();
    /** Writes every step at once, so that each can be seen. */
    private final JobEngine engine = new JobEngine(store, JobEngine.DEFAULT_TASK_TIMEOUT, Duration.ZERO,
            Clock.systemUTC());

    @BeforeEach
    void start() {
        engine.start();
    }

    @AfterEach
    void close() {
        engine.close(Duration.ofSeconds(1));
    }

    @Test
    void everyTransitionIsWrittenInOrderOneStepPerTask() throws Exception {
        long id = Chain.submit(engine, Chain.named("j")
                .then("a", ctx -> { })
                .then("b", ctx -> {
                    throw new IllegalStateException("no");
                })
                .then("c", ctx -> { }));

        JobRecord job = engine.await(id, Waits.LONG);

        // created; started; a started; a done; b started; b failed; the job completed (c is never taken)
        assertEquals(7, store.transactions(id), "one write per transition without a progress delay");
        List<JobRecord> jobWrites = store.jobWrites(id);
        assertEquals(List.of(JobState.QUEUED, JobState.RUNNING, JobState.RUNNING, JobState.RUNNING,
                JobState.RUNNING, JobState.RUNNING, JobState.COMPLETED),
                jobWrites.stream().map(JobRecord::state).toList());
        assertEquals(List.of(0, 0, 1, 1, 2, 2, 2), jobWrites.stream().map(JobRecord::taskCount).toList());
        assertEquals(List.of(0, 0, 0, 1, 1, 2, 2), jobWrites.stream().map(JobRecord::taskCompleted).toList());
        assertEquals(job, jobWrites.get(jobWrites.size() - 1));
        assertEquals(JobStatus.FAILED, job.status());
        assertEquals("Task 'b' failed: no", job.failureReason());
        assertTrue(!job.queued().isAfter(job.started()) && !job.started().isAfter(job.completed()));

        List<TaskRecord> tasks = store.tasks(id);
        assertEquals(List.of("a", "b"), tasks.stream().map(TaskRecord::name).toList());
        assertEquals(List.of(TaskState.RUNNING, TaskState.COMPLETED), states(store.taskWrites(tasks.get(0).id())));
        assertEquals(List.of(TaskState.RUNNING, TaskState.COMPLETED), states(store.taskWrites(tasks.get(1).id())));
        TaskRecord passed = tasks.get(0);
        assertNotNull(passed.started());
        assertNotNull(passed.completed());
        assertNull(passed.failureReason());
        assertEquals(List.of(), passed.predecessorIds());
        assertEquals(TaskStatus.FAILED, tasks.get(1).status());
        assertEquals("no", tasks.get(1).failureReason());
        assertEquals(List.of(passed.id()), tasks.get(1).predecessorIds());
    }

    @Test
    void jobWithoutTasksPassesAtOnce() throws Exception {
        long id = Chain.submit(engine, Chain.named("empty"));

        JobRecord job = engine.await(id, Waits.LONG);

        assertEquals(JobStatus.PASSED, job.status());
        assertEquals(0, job.taskCount());
        assertEquals(3, store.transactions(id));
    }

    @Test
    void runningTaskSeesItsOwnStateAndItsPredecessorsCommitted() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        long id = Chain.submit(engine, Chain.named("j")
                .then("first", ctx -> { })
                .then("second", ctx -> {
                    JobRecord job = store.findJob(ctx.jobId()).orElseThrow();
                    List<TaskRecord> tasks = store.tasks(ctx.jobId());
                    seen.add(job.state() + " " + job.taskCompleted());
                    seen.add(tasks.get(0).state() + " " + tasks.get(0).status());
                    seen.add(tasks.get(1).state() + " " + tasks.get(1).status());
                }));

        engine.await(id, Waits.LONG);

        assertEquals(List.of("RUNNING 1", "COMPLETED PASSED", "RUNNING null"), seen);
    }

    @Test
    void waitingJobIsQueuedInTheStore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long busy = Chain.submit(engine, Chain.named("busy").then("block", Waits.blockUntil(started, release)));
        Waits.await(started);

        Chain waitingChain = Chain.named("waiting").then("t", ctx -> { });
        PreparedJob waiting = waitingChain.prepare(engine);

        JobRecord queued = store.findJob(waiting.id()).orElseThrow();
        assertEquals(JobState.QUEUED, queued.state());
        assertNull(queued.status());
        assertNull(queued.started());
        assertEquals(List.of(), store.tasks(waiting.id()));
        assertEquals(JobState.RUNNING, store.findJob(busy).orElseThrow().state());
        assertEquals(TaskState.RUNNING, store.tasks(busy).get(0).state());
        release.countDown();
        assertEquals(JobStatus.PASSED, engine.await(busy, Waits.LONG).status());
        assertEquals(JobStatus.PASSED, engine.run(waiting, waitingChain.body(), null).job().status());
        assertThrows(IllegalArgumentException.class, () -> engine.run(waiting, waitingChain.body(), null),
                "a job runs once");
    }

    @Test
    void listenerIsToldTheFinalRecordAfterItWasWritten() throws Exception {
        List<String> told = Collections.synchronizedList(new ArrayList<>());
        engine.addListener(job -> told.add(job.state() + " " + job.status() + " "
                + store.findJob(job.id()).orElseThrow().equals(job)));
        JobListener removed = job -> told.add("removed listener called");
        engine.addListener(removed);
        engine.removeListener(removed);

        long id = Chain.submit(engine, Chain.named("j").object(ObjectRef.of("SG", 1)).then("t", ctx -> { }));
        engine.await(id, Waits.LONG);

        assertEquals(List.of("COMPLETED PASSED true"), told);
        assertEquals(List.of(ObjectRef.of("SG", 1)), store.findJob(id).orElseThrow().objects());
        assertFalse(store.listJobs(JobState.COMPLETED, 0).isEmpty());
    }

    @Test
    void aJobQuickerThanTheProgressDelayIsWrittenTwice() throws Exception {
        RecordingJobStore recorded = new RecordingJobStore();
        JobEngine delayed = new JobEngine(recorded);
        delayed.start();
        try {
            long id = Chain.submit(delayed, Chain.named("quick").then("a", ctx -> { }).then("b", ctx -> { })
                    .then("c", ctx -> { }));

            JobRecord job = delayed.await(id, Waits.LONG);

            assertEquals(2, recorded.transactions(id), "created, then ended with its progress");
            assertEquals(job, recorded.findJob(id).orElseThrow());
            assertEquals(List.of(TaskStatus.PASSED, TaskStatus.PASSED, TaskStatus.PASSED),
                    recorded.tasks(id).stream().map(TaskRecord::status).toList());
            assertTrue(recorded.tasks(id).stream().allMatch(t -> t.started() != null && t.completed() != null));
        } finally {
            delayed.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void theProgressOfALongTaskIsWrittenWithinTheDelay() throws Exception {
        RecordingJobStore recorded = new RecordingJobStore();
        JobEngine delayed = new JobEngine(recorded);
        delayed.start();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            long id = Chain.submit(delayed, Chain.named("long").then("quick", ctx -> { })
                    .then("slow", Waits.blockUntil(started, release)));
            Waits.await(started);

            long deadline = System.nanoTime() + Waits.LONG.toNanos();
            while (recorded.tasks(id).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(JobState.RUNNING, recorded.findJob(id).orElseThrow().state());
            assertEquals(1, recorded.findJob(id).orElseThrow().taskCompleted());
            assertEquals(TaskStatus.PASSED, recorded.tasks(id).get(0).status());
            assertEquals(TaskState.RUNNING, recorded.tasks(id).get(1).state());
            release.countDown();
            assertEquals(JobStatus.PASSED, delayed.await(id, Waits.LONG).status());
            assertEquals(3, recorded.transactions(id), "created, its progress once, its end");
        } finally {
            release.countDown();
            delayed.close(Duration.ofSeconds(1));
        }
    }

    private static List<TaskState> states(List<TaskRecord> writes) {
        return writes.stream().map(TaskRecord::state).toList();
    }
}
