package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class JobEngineFailureTest {

    private final InMemoryJobStore store = new InMemoryJobStore();
    // one thread: proves a failure (even an Error) leaves the pool able to run the next job
    private final JobEngine engine = new JobEngine(store, 1);

    @BeforeEach
    void start() {
        engine.start();
    }

    @AfterEach
    void close() {
        engine.close(Duration.ofSeconds(1));
    }

    private Map<String, TaskRecord> tasksByName(long jobId) {
        return store.tasks(jobId).stream().collect(Collectors.toMap(TaskRecord::name, Function.identity()));
    }

    private static Task throwing(Throwable failure) {
        return ctx -> {
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        };
    }

    @Test
    void aFailureSkipsEveryTaskAfterIt() throws Exception {
        AtomicBoolean laterRan = new AtomicBoolean();
        long id = engine.submit(JobGraph.named("Sync security group 'web'")
                .then("prepare", ctx -> { })
                .then("update manager group", throwing(new IllegalStateException("manager unreachable")))
                .then("update port group", ctx -> laterRan.set(true))
                .then("update hook", ctx -> laterRan.set(true)));

        JobRecord job = engine.await(id, Waits.LONG);

        assertEquals(JobState.COMPLETED, job.state());
        assertEquals(JobStatus.FAILED, job.status());
        assertEquals("Task 'update manager group' failed: manager unreachable", job.failureReason());
        assertEquals(4, job.taskCompleted());
        Map<String, TaskRecord> tasks = tasksByName(id);
        assertEquals(TaskStatus.PASSED, tasks.get("prepare").status());
        assertEquals(TaskStatus.FAILED, tasks.get("update manager group").status());
        assertEquals("manager unreachable", tasks.get("update manager group").failureReason());
        for (String skipped : List.of("update port group", "update hook")) {
            assertEquals(TaskState.COMPLETED, tasks.get(skipped).state());
            assertEquals(TaskStatus.SKIPPED, tasks.get(skipped).status());
            assertEquals("Skipped because task 'update manager group' failed", tasks.get(skipped).failureReason());
            assertNull(tasks.get(skipped).started());
        }
        assertFalse(laterRan.get());
    }

    @Test
    void reasonIsTheMessageOrTheClassNameNeverAStackTrace() throws Exception {
        assertEquals("outer", reasonOf(new RuntimeException("outer", new IOException("inner"))));
        assertEquals("IllegalStateException", reasonOf(new IllegalStateException()));
        assertEquals("disk full", reasonOf(new IOException("disk full")));
        assertTrue(reasonOf(new RuntimeException() { }).startsWith(JobEngineFailureTest.class.getName()));
    }

    /** @return the failed task's reason, after checking the job's names the task and has no stack trace */
    private String reasonOf(Throwable failure) throws Exception {
        long id = engine.submit(JobGraph.named("reasons").then("fails", throwing(failure)));
        JobRecord job = engine.await(id, Waits.LONG);
        String reason = tasksByName(id).get("fails").failureReason();
        assertEquals("Task 'fails' failed: " + reason, job.failureReason());
        assertFalse(reason.contains("\n"), reason);
        assertFalse(reason.contains("\tat "), reason);
        return reason;
    }

    @Test
    void errorsFailTheTaskAndLeaveThePoolWorking() throws Exception {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        long broken = engine.submit(JobGraph.named("broken plugin")
                .then("link", ctx -> {
                    threads.add(Thread.currentThread().getName());
                    throw new NoClassDefFoundError("org/example/Missing");
                }));
        long recursing = engine.submit(JobGraph.named("recursing plugin")
                .then("recurse", throwing(new StackOverflowError())));
        long next = engine.submit(JobGraph.named("next")
                .then("works", ctx -> threads.add(Thread.currentThread().getName())));

        JobRecord brokenJob = engine.await(broken, Waits.LONG);
        JobRecord nextJob = engine.await(next, Waits.LONG);

        assertEquals(JobStatus.FAILED, brokenJob.status());
        Map<String, TaskRecord> tasks = tasksByName(broken);
        assertEquals("org/example/Missing", tasks.get("link").failureReason());
        engine.await(recursing, Waits.LONG);
        assertEquals("StackOverflowError", tasksByName(recursing).get("recurse").failureReason());
        assertEquals(JobStatus.PASSED, nextJob.status());
        assertEquals(2, threads.size());
        assertEquals(threads.get(0), threads.get(1), "the Error should not have killed the pool thread");
    }

    @Test
    void outOfMemoryStopsTheJobButNotTheEngine() throws Exception {
        long oom = engine.submit(JobGraph.named("oom")
                .then("allocate", throwing(new OutOfMemoryError("simulated")))
                .then("after", ctx -> { }));

        JobRecord job = engine.await(oom, Waits.LONG);

        assertEquals(JobState.COMPLETED, job.state());
        assertEquals(JobStatus.ABORTED, job.status());
        assertEquals("Job stopped by an internal error: OutOfMemoryError: simulated", job.failureReason());
        assertTrue(store.tasks(oom).stream().allMatch(t -> t.status() == TaskStatus.ABORTED));
        long next = engine.submit(JobGraph.named("next").then("works", ctx -> { }));
        assertEquals(JobStatus.PASSED, engine.await(next, Waits.LONG).status());
    }

    @Test
    void failingListenerDoesNotDisturbTheEngine() throws Exception {
        List<Long> told = Collections.synchronizedList(new ArrayList<>());
        engine.addListener(job -> {
            throw new IllegalStateException("listener bug");
        });
        engine.addListener(job -> told.add(job.id()));

        long id = engine.submit(JobGraph.named("j").then("t", ctx -> { }));

        assertEquals(JobStatus.PASSED, engine.await(id, Waits.LONG).status());
        assertEquals(List.of(id), told);
    }
}
