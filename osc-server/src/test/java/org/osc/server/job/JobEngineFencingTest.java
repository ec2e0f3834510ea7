package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two engines on one store, as two replicas on one database: the old leader (epoch 1) and the new one (epoch 2).
 * Whatever the old leader's run writes after the new leader took its job over changes nothing in the store, and its
 * run stops quietly.
 */
@Timeout(60)
class JobEngineFencingTest {

    private static final Runner OLD = Runner.leader("replica-0", 1);
    private static final Runner NEW = Runner.leader("replica-1", 2);

    private final InMemoryJobStore store = new InMemoryJobStore();

    @Test
    void anOldLeadersLateStepsAndEndAfterATakeoverChangeNothing() throws Exception {
        JobEngine paused = running(OLD, JobEngine.PROGRESS_DELAY);
        JobEngine leader = running(NEW, JobEngine.PROGRESS_DELAY);
        try {
            CountDownLatch inStep = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            PreparedJob job = paused.prepare("Reconcile security group 'web'", List.of());
            assertEquals("replica-0", store.findJob(job.id()).orElseThrow().runner());
            CompletableFuture<JobOutcome<Object>> outcome = CompletableFuture.supplyAsync(() -> paused.run(job,
                    ctx -> {
                        ctx.step("first", Waits.blockUntil(inStep, resume));
                        ctx.step("second", c -> { });
                        ctx.step("third", c -> { });
                        return null;
                    }, null));
            Waits.await(inStep);
            waitForWrittenTasks(job.id(), 1); // its progress is in the store: RUNNING, the first step RUNNING

            // the old leader is paused past its lease: the new one ends its job
            assertTrue(leader.endAbandoned(job.id(), "The OSC server running it stopped before it ended"));
            JobRecord ended = store.findJob(job.id()).orElseThrow();
            List<TaskRecord> endedTasks = store.tasks(job.id());
            assertEquals(JobStatus.ABORTED, ended.status());
            assertEquals("replica-1", ended.runner());
            assertEquals(TaskStatus.ABORTED, endedTasks.get(0).status());

            resume.countDown(); // it resumes: its step ends, it starts the next ones and ends the job
            JobOutcome<Object> late = outcome.get(30, TimeUnit.SECONDS);

            assertEquals(ended, store.findJob(job.id()).orElseThrow(), "the job's row is the new leader's");
            assertEquals(endedTasks, store.tasks(job.id()), "no task of the old run landed after the takeover");
            assertEquals(JobStatus.ABORTED, late.job().status());
            assertTrue(late.job().failureReason().startsWith("Taken over by replica-1"), late.job().failureReason());
            assertFalse(paused.holds(job.id()));
            assertEquals(ended, paused.await(job.id(), Duration.ofSeconds(5)), "waiting on it gives the store's end");
        } finally {
            paused.close(Duration.ofSeconds(1));
            leader.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void withEveryStepWrittenAtOnceTheOldRunStopsAtItsNextStep() throws Exception {
        JobEngine paused = running(OLD, Duration.ZERO);
        JobEngine leader = running(NEW, Duration.ZERO);
        try {
            CountDownLatch inStep = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            AtomicBoolean laterStepRan = new AtomicBoolean();
            PreparedJob job = paused.prepare("j", List.of());
            CompletableFuture<JobOutcome<Object>> outcome = CompletableFuture.supplyAsync(() -> paused.run(job,
                    ctx -> {
                        ctx.step("first", Waits.blockUntil(inStep, resume));
                        ctx.step("second", c -> laterStepRan.set(true));
                        return null;
                    }, null));
            Waits.await(inStep);
            assertTrue(leader.endAbandoned(job.id(), "ended by the new leader"));
            JobRecord ended = store.findJob(job.id()).orElseThrow();

            resume.countDown();
            JobOutcome<Object> late = outcome.get(30, TimeUnit.SECONDS);

            assertFalse(laterStepRan.get(), "the old run took no step after its write was refused");
            assertEquals(ended, store.findJob(job.id()).orElseThrow());
            assertEquals(1, store.tasks(job.id()).size());
            assertEquals(JobStatus.ABORTED, late.job().status());
        } finally {
            paused.close(Duration.ofSeconds(1));
            leader.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void ofTwoLeadersAdoptingOneJobOnlyTheNewerTermsRunLands() throws Exception {
        JobEngine follower = running(Runner.NONE, JobEngine.PROGRESS_DELAY);
        JobEngine paused = running(OLD, JobEngine.PROGRESS_DELAY);
        JobEngine leader = running(NEW, JobEngine.PROGRESS_DELAY);
        try {
            PreparedJob stored = follower.prepare("stored by a follower", List.of());
            assertTrue(follower.release(stored));
            assertEquals(null, store.findJob(stored.id()).orElseThrow().runner(), "a follower's job names no one");
            assertTrue(follower.adopt(stored.id()).isEmpty(), "a follower adopts nothing");
            assertFalse(follower.endAbandoned(stored.id(), "no"), "a follower ends nothing");

            // the old leader adopted it before it was paused; the new leader adopts it too
            PreparedJob first = paused.adopt(stored.id()).orElseThrow();
            assertEquals("replica-0", store.findJob(stored.id()).orElseThrow().runner());
            PreparedJob second = leader.adopt(stored.id()).orElseThrow();
            assertEquals("replica-1", store.findJob(stored.id()).orElseThrow().runner());
            assertTrue(paused.adopt(stored.id()).isEmpty(), "this engine holds it already");

            JobOutcome<String> winner = leader.run(second, ctx -> ctx.value("step", c -> "new"), null);
            JobOutcome<String> loser = paused.run(first, ctx -> ctx.value("step", c -> "old"), null);

            assertEquals(JobStatus.PASSED, winner.job().status());
            assertEquals(JobStatus.ABORTED, loser.job().status());
            JobRecord stored1 = store.findJob(stored.id()).orElseThrow();
            assertEquals(JobStatus.PASSED, stored1.status());
            assertEquals("replica-1", stored1.runner());
            assertEquals(1, store.tasks(stored.id()).size(), "only the new leader's task is stored");

            // the other order: the new leader adopts first, the old one cannot take it
            PreparedJob again = follower.prepare("again", List.of());
            follower.release(again);
            assertTrue(leader.adopt(again.id()).isPresent());
            assertTrue(paused.adopt(again.id()).isEmpty(), "an older term takes nothing from a newer one");
            assertFalse(paused.endAbandoned(again.id(), "no"), "nor ends it");
            assertEquals(JobState.QUEUED, store.findJob(again.id()).orElseThrow().state());
            assertEquals("replica-1", store.findJob(again.id()).orElseThrow().runner());
        } finally {
            follower.close(Duration.ofSeconds(1));
            paused.close(Duration.ofSeconds(1));
            leader.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void aSingleProcessTakesOverWhatAnyReplicaLeft() {
        JobEngine leader = running(NEW, JobEngine.PROGRESS_DELAY);
        JobEngine sole = running(Runner.sole("osc-host-42"), JobEngine.PROGRESS_DELAY);
        try {
            PreparedJob left = leader.prepare("left by an HA leader", List.of());
            leader.release(left);
            assertTrue(sole.endAbandoned(left.id(), "ended"), "epoch 2 is no obstacle without an election");
            assertEquals("osc-host-42", store.findJob(left.id()).orElseThrow().runner());
        } finally {
            leader.close(Duration.ofSeconds(1));
            sole.close(Duration.ofSeconds(1));
        }
    }

    private JobEngine running(Runner runner, Duration progressDelay) {
        JobEngine engine = new JobEngine(store, JobEngine.DEFAULT_TASK_TIMEOUT, progressDelay, Clock.systemUTC());
        engine.runAs(() -> runner);
        engine.startKeepingLeftovers();
        return engine;
    }

    private void waitForWrittenTasks(long jobId, int count) throws InterruptedException {
        long end = System.nanoTime() + Waits.LONG.toNanos();
        while (store.tasks(jobId).size() < count) {
            assertTrue(System.nanoTime() < end, "progress never written");
            Thread.sleep(10);
        }
    }
}
