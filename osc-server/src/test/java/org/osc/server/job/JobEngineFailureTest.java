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
    private final JobEngine engine = new JobEngine(store);

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
    void aFailedStepEndsTheJobAndNoLaterStepRuns() throws Exception {
        AtomicBoolean laterRan = new AtomicBoolean();
        long id = Chain.submit(engine, Chain.named("Sync security group 'web'")
                .then("prepare", ctx -> { })
                .then("update manager group", throwing(new IllegalStateException("manager unreachable")))
                .then("update port group", ctx -> laterRan.set(true))
                .then("update hook", ctx -> laterRan.set(true)));

        JobRecord job = engine.await(id, Waits.LONG);

        assertEquals(JobState.COMPLETED, job.state());
        assertEquals(JobStatus.FAILED, job.status());
        assertEquals("Task 'update manager group' failed: manager unreachable", job.failureReason());
        assertEquals(2, job.taskCount());
        assertEquals(2, job.taskCompleted());
        Map<String, TaskRecord> tasks = tasksByName(id);
        assertEquals(TaskStatus.PASSED, tasks.get("prepare").status());
        assertEquals(TaskStatus.FAILED, tasks.get("update manager group").status());
        assertEquals("manager unreachable", tasks.get("update manager group").failureReason());
        assertEquals(List.of(tasks.get("prepare").id()), tasks.get("update manager group").predecessorIds());
        assertEquals(2, tasks.size(), "the steps after the failed one were never taken");
        assertFalse(laterRan.get());
    }

    @Test
    void aFailureBetweenStepsFailsTheJobWithItsMessage() throws Exception {
        JobBody<Void> body = context -> {
            context.step("read", ctx -> { });
            throw new IllegalStateException("Security group 'web': no such connector");
        };
        List<Throwable> noted = new ArrayList<>();
        JobOutcome<Void> outcome = engine.run(engine.prepare("between", List.of()), body, failure -> {
            noted.add(failure);
            return "Retry 1 in 100 ms";
        });

        assertEquals(JobStatus.FAILED, outcome.job().status());
        assertEquals("Security group 'web': no such connector. Retry 1 in 100 ms", outcome.job().failureReason());
        assertEquals(List.of(outcome.failure()), noted);
        assertEquals(TaskStatus.PASSED, store.tasks(outcome.job().id()).get(0).status());
    }

    @Test
    void aBodyMayGoOnAfterAFailedStepAndItsValueComesBack() throws Exception {
        JobBody<String> body = context -> {
            try {
                context.step("optional", throwing(new IllegalStateException("not there")));
            } catch (IllegalStateException expected) {
                // the reconcile decides that this one does not matter
            }
            return context.value("compute", ctx -> "42");
        };
        JobOutcome<String> outcome = engine.run(engine.prepare("goes on", List.of()), body, null);

        assertEquals(JobStatus.PASSED, outcome.job().status());
        assertEquals("42", outcome.value());
        assertEquals(List.of(TaskStatus.FAILED, TaskStatus.PASSED),
                store.tasks(outcome.job().id()).stream().map(TaskRecord::status).toList());
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
        long id = Chain.submit(engine, Chain.named("reasons").then("fails", throwing(failure)));
        JobRecord job = engine.await(id, Waits.LONG);
        String reason = tasksByName(id).get("fails").failureReason();
        assertEquals("Task 'fails' failed: " + reason, job.failureReason());
        assertFalse(reason.contains("\n"), reason);
        assertFalse(reason.contains("\tat "), reason);
        return reason;
    }

    @Test
    void errorsFailTheTaskAndLeaveTheThreadWorking() throws Exception {
        JobRecord brokenJob = Chain.run(engine, Chain.named("broken plugin").then("link", ctx -> {
            throw new NoClassDefFoundError("org/example/Missing");
        })).job();
        JobRecord recursing = Chain.run(engine, Chain.named("recursing plugin")
                .then("recurse", throwing(new StackOverflowError()))).job();
        JobRecord nextJob = Chain.run(engine, Chain.named("next").then("works", ctx -> { })).job();

        assertEquals(JobStatus.FAILED, brokenJob.status());
        assertEquals("org/example/Missing", tasksByName(brokenJob.id()).get("link").failureReason());
        assertEquals("StackOverflowError", tasksByName(recursing.id()).get("recurse").failureReason());
        assertEquals(JobStatus.PASSED, nextJob.status());
    }

    @Test
    void outOfMemoryStopsTheJobButNotTheEngine() throws Exception {
        long oom = Chain.submit(engine, Chain.named("oom")
                .then("allocate", throwing(new OutOfMemoryError("simulated")))
                .then("after", ctx -> { }));

        JobRecord job = engine.await(oom, Waits.LONG);

        assertEquals(JobState.COMPLETED, job.state());
        assertEquals(JobStatus.ABORTED, job.status());
        assertEquals("Job stopped by an internal error: OutOfMemoryError: simulated", job.failureReason());
        assertTrue(store.tasks(oom).stream().allMatch(t -> t.status() == TaskStatus.ABORTED));
        long next = Chain.submit(engine, Chain.named("next").then("works", ctx -> { }));
        assertEquals(JobStatus.PASSED, engine.await(next, Waits.LONG).status());
    }

    @Test
    void failingListenerDoesNotDisturbTheEngine() throws Exception {
        List<Long> told = Collections.synchronizedList(new ArrayList<>());
        engine.addListener(job -> {
            throw new IllegalStateException("listener bug");
        });
        engine.addListener(job -> told.add(job.id()));

        long id = Chain.submit(engine, Chain.named("j").then("t", ctx -> { }));

        assertEquals(JobStatus.PASSED, engine.await(id, Waits.LONG).status());
        assertEquals(List.of(id), told);
    }
}
