package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class JobEngineTimeoutTest {

    private final InMemoryJobStore store = new InMemoryJobStore();
    private JobEngine engine;

    @AfterEach
    void close() {
        engine.close(Duration.ofSeconds(1));
    }

    @Test
    void taskPastItsTimeoutIsInterruptedAndFailsAsTimedOut() throws Exception {
        start(Duration.ofMillis(200));
        AtomicBoolean afterRan = new AtomicBoolean();
        long id = Chain.submit(engine, Chain.named("hung plugin call")
                .then("call", ctx -> Thread.sleep(Long.MAX_VALUE))
                .then("after the call", ctx -> afterRan.set(true)));

        JobRecord job = engine.await(id, Waits.LONG);

        assertEquals(JobStatus.FAILED, job.status());
        assertEquals("Task 'call' failed: Timed out after 200 ms", job.failureReason());
        List<TaskRecord> tasks = store.tasks(id);
        assertEquals(TaskStatus.FAILED, tasks.get(0).status());
        assertEquals("Timed out after 200 ms", tasks.get(0).failureReason());
        assertEquals(1, tasks.size());
        assertFalse(afterRan.get(), "the job stops at the hung task");
    }

    @Test
    void whatTheInterruptedTaskSaysIsKeptInTheReason() throws Exception {
        start(Duration.ofMillis(200));
        long id = Chain.submit(engine, Chain.named("j").then("call", ctx -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                throw new IllegalStateException("controller call interrupted", e);
            }
        }));

        JobRecord job = engine.await(id, Waits.LONG);

        assertEquals("Timed out after 200 ms (controller call interrupted)",
                store.tasks(id).get(0).failureReason());
        assertEquals(JobStatus.FAILED, job.status());
    }

    @Test
    void theTimeoutInterruptsNothingAfterTheTaskReturned() throws Exception {
        start(Duration.ofSeconds(2));
        AtomicBoolean interrupted = new AtomicBoolean();
        // the first task ends 0.8 s before its deadline; the second is running when that deadline passes (and
        // ends 0.8 s before its own)
        JobRecord job = Chain.run(engine, Chain.named("j")
                .then("quick", ctx -> Thread.sleep(1200))
                .then("running past the first deadline", ctx -> {
                    try {
                        Thread.sleep(1200);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                    }
                })).job();

        assertEquals(JobStatus.PASSED, job.status(), () -> job.failureReason());
        assertFalse(interrupted.get());
        // and the next job on the same thread starts without an interrupt left over
        JobRecord next = Chain.run(engine, Chain.named("next").then("t", ctx -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("inherited an interrupt");
            }
        })).job();
        assertEquals(JobStatus.PASSED, next.status());
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        start(Duration.ZERO);
        long id = Chain.submit(engine, Chain.named("j").then("t", ctx -> Thread.sleep(300)));

        assertEquals(JobStatus.PASSED, engine.await(id, Waits.LONG).status());
    }

    private void start(Duration timeout) {
        engine = new JobEngine(store, timeout);
        engine.start();
    }
}
