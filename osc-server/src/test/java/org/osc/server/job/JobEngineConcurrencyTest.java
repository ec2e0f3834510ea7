package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class JobEngineConcurrencyTest {

    private final InMemoryJobStore store = new InMemoryJobStore();
    private JobEngine engine;

    /** An engine writing every step at once: these tests read the store while jobs run. */
    private JobEngine started(int poolSize) {
        engine = new JobEngine(store, poolSize, JobEngine.DEFAULT_TASK_TIMEOUT, Duration.ZERO, Clock.systemUTC());
        engine.start();
        return engine;
    }

    @AfterEach
    void close() {
        engine.close(Duration.ofSeconds(1));
    }

    @Test
    void poolBoundsTheJobsRunningAtOnce() throws Exception {
        started(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Set<String> threads = Collections.synchronizedSet(new HashSet<>());
        CountDownLatch twoStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(engine.submit(JobGraph.named("job " + i).then("block", ctx -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                threads.add(Thread.currentThread().getName());
                twoStarted.countDown();
                Waits.await(release);
                running.decrementAndGet();
            })));
        }

        Waits.await(twoStarted);
        // with both threads blocked, the other two jobs cannot have started
        assertEquals(2, store.listJobs(JobState.RUNNING, 0).size());
        assertEquals(2, store.listJobs(JobState.QUEUED, 0).size());
        release.countDown();
        for (long id : ids) {
            assertEquals(JobStatus.PASSED, engine.await(id, Waits.LONG).status());
        }

        assertEquals(2, maxRunning.get());
        assertTrue(threads.size() <= 2, "threads used: " + threads);
    }

}
