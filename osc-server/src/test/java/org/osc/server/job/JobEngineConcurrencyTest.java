package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class JobEngineConcurrencyTest {

    private static final ObjectRef SG1 = ObjectRef.of("SECURITY_GROUP", 1);
    private static final ObjectRef SG2 = ObjectRef.of("SECURITY_GROUP", 2);

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
            ids.add(engine.submit(JobGraph.named("job " + i).task("block", ctx -> {
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

    @Test
    void jobsWithTheSameKeyNeverOverlapAndRunInOrderWhileOtherKeysRunAlongside() throws Exception {
        started(4);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sg1Busy = new AtomicBoolean();
        AtomicBoolean overlap = new AtomicBoolean();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long first = engine.submit(JobGraph.named("sg1 first").lockOn(SG1).task("t", ctx -> {
            sg1Busy.set(true);
            order.add("first");
            firstStarted.countDown();
            Waits.await(release);
            sg1Busy.set(false);
        }));
        List<Long> later = new ArrayList<>();
        for (String name : List.of("second", "third")) {
            later.add(engine.submit(JobGraph.named("sg1 " + name).lockOn(SG1).task("t", ctx -> {
                if (!sg1Busy.compareAndSet(false, true)) {
                    overlap.set(true);
                }
                order.add(name);
                sg1Busy.set(false);
            })));
        }
        Waits.await(firstStarted);

        // another key and a job without a key both complete while SG1's first job still blocks
        long other = engine.submit(JobGraph.named("sg2").lockOn(SG2).task("t", ctx -> { }));
        long free = engine.submit(JobGraph.named("no key").task("t", ctx -> { }));
        assertEquals(JobStatus.PASSED, engine.await(other, Waits.LONG).status());
        assertEquals(JobStatus.PASSED, engine.await(free, Waits.LONG).status());
        assertEquals(JobState.RUNNING, store.findJob(first).orElseThrow().state());
        for (long id : later) {
            assertEquals(JobState.QUEUED, store.findJob(id).orElseThrow().state());
        }

        release.countDown();
        for (long id : later) {
            assertEquals(JobStatus.PASSED, engine.await(id, Waits.LONG).status());
        }
        assertEquals(List.of("first", "second", "third"), order);
        assertFalse(overlap.get());
        JobRecord firstJob = store.findJob(first).orElseThrow();
        JobRecord secondJob = store.findJob(later.get(0)).orElseThrow();
        assertFalse(secondJob.started().isBefore(firstJob.completed()));
    }

    @Test
    void submitIfAbsentFoldsRequestsIntoTheQueuedJob() throws Exception {
        started(4);
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long running = engine.submitIfAbsent(SG1, () -> {
            builds.incrementAndGet();
            return JobGraph.named("sync").task("t", Waits.blockUntil(started, release));
        });
        Waits.await(started);

        // the running job may have read old state already, so a new request needs a new job...
        long pending = engine.submitIfAbsent(SG1, () -> {
            builds.incrementAndGet();
            return JobGraph.named("sync").task("t", ctx -> { });
        });
        assertNotEquals(running, pending);
        // ...but requests arriving while that one is still queued fold into it, even concurrent ones
        ExecutorService storm = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> requests = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                requests.add(() -> engine.submitIfAbsent(SG1, () -> {
                    builds.incrementAndGet();
                    return JobGraph.named("sync").task("t", ctx -> { });
                }));
            }
            for (Future<Long> id : storm.invokeAll(requests)) {
                assertEquals(pending, id.get());
            }
        } finally {
            storm.shutdownNow();
        }
        assertEquals(2, builds.get());
        assertEquals(2, store.listJobs(null, 0).size());

        release.countDown();
        assertEquals(JobStatus.PASSED, engine.await(pending, Waits.LONG).status());
        long afterwards = engine.submitIfAbsent(SG1, () -> JobGraph.named("sync").task("t", ctx -> { }));
        assertNotEquals(pending, afterwards);
        assertEquals(JobStatus.PASSED, engine.await(afterwards, Waits.LONG).status());
    }

    @Test
    void submitIfAbsentRejectsAGraphLockedOnAnotherKey() {
        started(1);
        assertThrows(IllegalArgumentException.class,
                () -> engine.submitIfAbsent(SG1, () -> JobGraph.named("j").lockOn(SG2)));
        assertTrue(store.listJobs(null, 0).isEmpty());
    }
}
