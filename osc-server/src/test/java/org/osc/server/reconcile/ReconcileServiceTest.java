package org.osc.server.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.NotSupportedException;
import org.osc.server.domain.ObjectType;
import org.osc.server.job.InMemoryJobStore;
import org.osc.server.job.JobEngine;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobStatus;
import org.osc.server.job.StartedBy;
import org.osc.server.job.Task;
import org.osc.server.leader.NotLeaderException;
import org.osc.server.leader.TestLeadership;

@Timeout(30)
class ReconcileServiceTest {

    private static final ObjectType GROUP = ObjectType.SECURITY_GROUP;

    private final InMemoryJobStore store = new InMemoryJobStore();
    private final JobEngine engine = new JobEngine(store);
    private final ReconcileQueue queue = new ReconcileQueue(new WorkQueue<>(Clock.systemUTC(),
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(400))));
    private final ReconcileService loop;
    /** What each object's reconcile does in its one step; absent ids do not exist. */
    private final Map<Long, Task> behaviour = new ConcurrentHashMap<>();
    /** What each object's reconcile returns after its step; done unless given. */
    private final Map<Long, Result> results = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();

    ReconcileServiceTest() {
        engine.start();
        loop = new ReconcileService(engine, queue, 2, Clock.systemUTC());
        loop.register(reconciler());
    }

    /** A group reconciler doing what {@link #behaviour} says for the id, counting its runs. */
    private Reconciler reconciler() {
        return new Reconciler() {
            @Override
            public ObjectType type() {
                return GROUP;
            }

            @Override
            public Optional<Description> describe(long id) {
                return behaviour.containsKey(id) ? Optional.of(new Description("Reconcile " + id)) : Optional.empty();
            }

            @Override
            public Result reconcile(long id, ReconcileContext context) throws Exception {
                Task task = behaviour.get(id);
                context.step("step", ctx -> {
                    runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    task.execute(ctx);
                });
                return results.getOrDefault(id, Result.done());
            }
        };
    }

    @AfterEach
    void tearDown() {
        loop.close();
        engine.close();
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffUntilItPassesAndTheJobsSaySo() throws Exception {
        AtomicBoolean up = new AtomicBoolean();
        behaviour.put(1L, ctx -> {
            if (!up.get()) {
                throw new IllegalStateException("Security group 'web': SDN controller failed",
                        new ControllerUnreachableException("controller down", null));
            }
        });
        queue.request(GROUP, 1);
        waitFor(() -> runs(1) >= 3);
        assertTrue(loop.nextRetry(GROUP, 1).isPresent(), "the object shows its next retry");
        List<JobRecord> failed = jobs(JobStatus.FAILED);
        assertTrue(failed.get(0).failureReason().contains("SDN controller failed. Retry 1 in 50 ms (at "),
                failed.get(0).failureReason());
        assertTrue(failed.get(1).failureReason().contains("Retry 2 in 100 ms"), failed.get(1).failureReason());

        up.set(true);
        waitFor(() -> !jobs(JobStatus.PASSED).isEmpty());
        waitFor(() -> loop.nextRetry(GROUP, 1).isEmpty());
        int after = runs(1);
        Thread.sleep(600);
        assertEquals(after, runs(1), "passed: no more retries");
        assertEquals(0, queue.queue().failures(new ReconcileKey(GROUP, 1)), "the backoff starts over next time");
    }

    @Test
    void eachJobSaysWhoStartedIt() throws Exception {
        behaviour.put(11L, ctx -> { });
        behaviour.put(12L, ctx -> { });
        behaviour.put(13L, ctx -> { });
        long rest = StartedBy.call("alice", () -> loop.reconcile(GROUP, 11));
        waitFor(() -> store.findJob(rest).orElseThrow().isDone());
        assertEquals("alice", store.findJob(rest).orElseThrow().startedBy(), "a REST request's user");
        queue.request(GROUP, 12);
        waitFor(() -> runs(12) == 1);
        StartedBy.run(StartedBy.RESYNC, () -> queue.request(GROUP, 13));
        waitFor(() -> runs(13) == 1);
        waitFor(() -> jobs(JobStatus.PASSED).size() == 3);
        Map<String, String> by = new HashMap<>();
        for (JobRecord job : store.listJobs(null, 0)) {
            by.put(job.name(), job.startedBy());
        }
        assertEquals(Map.of("Reconcile 11", "alice", "Reconcile 12", StartedBy.CLUSTER, "Reconcile 13",
                StartedBy.RESYNC), by);
        assertEquals(null, StartedBy.current(), "restored after the resync's call");

        results.put(12L, Result.requeueAfter(Duration.ofMillis(20)));
        queue.request(GROUP, 12);
        waitFor(() -> runs(12) >= 3);
        results.remove(12L);
        assertTrue(store.listJobs(null, 0).stream().anyMatch(j -> StartedBy.RETRY.equals(j.startedBy())),
                "the loop's own requeue is a retry");
    }

    @Test
    void aTerminalFailureIsNotRetried() throws Exception {
        behaviour.put(2L, ctx -> {
            throw new IllegalStateException("Security group 'web'",
                    new NotSupportedException("portGroup", "no port groups"));
        });
        queue.request(GROUP, 2);
        waitFor(() -> jobs(JobStatus.FAILED).size() == 1);
        Thread.sleep(800); // twice the longest backoff
        assertEquals(1, store.listJobs(null, 0).size(), "one job, not a retry loop");
        assertTrue(jobs(JobStatus.FAILED).get(0).failureReason().endsWith("Not retried: the object is reconciled "
                + "again when it, its connector or its plugins change, or on a sync"));
        assertTrue(loop.nextRetry(GROUP, 2).isEmpty());
    }

    @Test
    void aRequeueAfterAPassLooksAgainAndBacksOffWhileItRepeats() throws Exception {
        behaviour.put(3L, ctx -> { });
        results.put(3L, Result.requeueAfter(Duration.ofMillis(20)));
        queue.request(GROUP, 3);
        waitFor(() -> runs(3) >= 4);
        assertTrue(jobs(JobStatus.FAILED).isEmpty());
        assertTrue(loop.nextRetry(GROUP, 3).isPresent());
        results.remove(3L);
        waitFor(() -> loop.nextRetry(GROUP, 3).isEmpty());
    }

    @Test
    void aReturnedFailureFailsTheJobWithItsReasonAndIsRetriedOrNotAsItSays() throws Exception {
        behaviour.put(7L, ctx -> { });
        results.put(7L, Result.retry("Security group 'web': waiting for a VNF", Duration.ofMillis(300)));
        queue.request(GROUP, 7);
        waitFor(() -> runs(7) >= 2);
        JobRecord first = jobs(JobStatus.FAILED).get(0);
        assertTrue(first.failureReason().startsWith("Security group 'web': waiting for a VNF. Retry 1 in 300 ms"),
                first.failureReason());

        behaviour.put(8L, ctx -> { });
        results.put(8L, Result.stop("Security group 'db': no such policy"));
        queue.request(GROUP, 8);
        waitFor(() -> runs(8) == 1 && queue.isIdle());
        Thread.sleep(800); // twice the longest backoff
        assertEquals(1, runs(8), "a returned terminal failure is not retried");
        assertTrue(loop.nextRetry(GROUP, 8).isEmpty());
    }

    @Test
    void requestsWhileAReconcileRunsMakeOneMoreRunNeverAParallelOne() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicBoolean overlap = new AtomicBoolean();
        behaviour.put(4L, ctx -> {
            if (inFlight.incrementAndGet() > 1) {
                overlap.set(true);
            }
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            inFlight.decrementAndGet();
        });
        queue.request(GROUP, 4);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 50; i++) {
            queue.request(GROUP, 4);
        }
        long restJob = loop.reconcile(GROUP, 4);
        assertEquals(restJob, loop.reconcile(GROUP, 4), "REST requests join the job waiting for the next run");
        release.countDown();
        assertEquals(JobStatus.PASSED, engine.await(restJob, Duration.ofSeconds(10)).status());
        waitFor(queue::isIdle);
        assertEquals(2, runs(4), "the running one and exactly one more");
        assertFalse(overlap.get());
    }

    @Test
    void objectsWaitingForAnUnreachableControllerRunAsSoonAsItAnswersNotAtTheirNextBackoff() throws Exception {
        ReconcileQueue slowQueue = new ReconcileQueue(new WorkQueue<>(Clock.systemUTC(),
                new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5))));
        ReconcileService slow = new ReconcileService(engine, slowQueue, 2, Clock.systemUTC());
        AtomicBoolean up = new AtomicBoolean();
        AtomicInteger probes = new AtomicInteger();
        for (long id : new long[] {5, 6}) {
            behaviour.put(id, ctx -> {
                if (!up.get()) {
                    throw new UnreachableException("Security group " + id + ": SDN controller 'S' failed",
                            new ControllerUnreachableException("down", null), "SDN controller 'S'", () -> {
                                probes.incrementAndGet();
                                if (!up.get()) {
                                    throw new ControllerUnreachableException("still down", null);
                                }
                            });
                }
            });
        }
        slow.register(reconciler());
        try {
            slowQueue.request(GROUP, 5);
            slowQueue.request(GROUP, 6);
            waitFor(() -> jobs(JobStatus.FAILED).size() == 2);
            assertTrue(jobs(JobStatus.FAILED).get(0).failureReason().endsWith("Retry 1 in 30.0 s (at "
                    + slow.nextRetry(GROUP, jobs(JobStatus.FAILED).get(0).objects().get(0).id()).orElseThrow()
                            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + "), or as soon as SDN controller 'S' answers again"), jobs(JobStatus.FAILED).get(0).failureReason());
            waitFor(() -> probes.get() >= 2);
            long back = System.nanoTime();
            up.set(true);
            waitFor(() -> jobs(JobStatus.PASSED).size() == 2);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
            assertTrue(millis < 2500, "both converged " + millis + " ms after the controller came back");
            assertEquals(2, runs(5) + runs(6) - 2, "one failed and one passed run each: the probe is shared");
        } finally {
            slow.close();
        }
    }

    @Test
    void objectsWaitingForTheDatabaseRunAsSoonAsItAnswersNotAtTheirNextBackoff() throws Exception {
        ReconcileQueue slowQueue = new ReconcileQueue(new WorkQueue<>(Clock.systemUTC(),
                new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5))));
        AtomicBoolean up = new AtomicBoolean();
        AtomicInteger asked = new AtomicInteger();
        ReconcileService slow = new ReconcileService(engine, slowQueue, 2, Clock.systemUTC(), () -> {
            asked.incrementAndGet();
            return up.get();
        });
        Map<Long, AtomicInteger> described = new ConcurrentHashMap<>();
        // 7: the database is away before the job is stored (the object cannot even be read); 8: it goes away
        // while the reconcile runs (a step's query fails)
        slow.register(new Reconciler() {
            @Override
            public ObjectType type() {
                return GROUP;
            }

            @Override
            public Optional<Description> describe(long id) {
                described.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (id == 7 && !up.get()) {
                    throw new JDBCConnectionException("Unable to acquire JDBC Connection",
                            new SQLTransientConnectionException("osc-db - Connection is not available"));
                }
                return Optional.of(new Description("Reconcile " + id));
            }

            @Override
            public Result reconcile(long id, ReconcileContext context) throws Exception {
                context.step("step", ctx -> {
                    runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    if (!up.get()) {
                        throw new IllegalStateException("Reading the group failed", new JDBCConnectionException(
                                "could not execute statement", new SQLException("I/O error", "08006")));
                    }
                });
                return Result.done();
            }
        });
        try {
            slowQueue.request(GROUP, 7);
            slowQueue.request(GROUP, 8);
            waitFor(() -> jobs(JobStatus.FAILED).size() == 1 && described.containsKey(7L));
            assertTrue(jobs(JobStatus.FAILED).get(0).failureReason().endsWith(
                    "or as soon as the database answers again"), jobs(JobStatus.FAILED).get(0).failureReason());
            waitFor(() -> asked.get() >= 2);
            long back = System.nanoTime();
            up.set(true);
            waitFor(() -> jobs(JobStatus.PASSED).size() == 2);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
            assertTrue(millis < 2500, "both converged " + millis + " ms after the database came back, not 30 s");
            assertEquals(2, described.get(7L).get(), "read once while away, once when back");
        } finally {
            slow.close();
        }
    }

    @Test
    void anotherObjectReconciledNowRunsInsideTheJobUnderItsKeyAndKeepsItsOwnRetries() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicBoolean overlap = new AtomicBoolean();
        AtomicBoolean otherUp = new AtomicBoolean(true);
        behaviour.put(11L, ctx -> {
            if (inFlight.incrementAndGet() > 1) {
                overlap.set(true);
            }
            Thread.sleep(20);
            inFlight.decrementAndGet();
            if (!otherUp.get()) {
                throw new IllegalStateException("Security group 11: controller down");
            }
        });
        Reconciler outer = new Reconciler() {
            @Override
            public ObjectType type() {
                return ObjectType.DEPLOYMENT_SPEC;
            }

            @Override
            public Optional<Description> describe(long id) {
                return Optional.of(new Description("Delete spec " + id));
            }

            @Override
            public Result reconcile(long id, ReconcileContext context) throws Exception {
                context.step("before", ctx -> { });
                try {
                    context.reconcileNow(GROUP, 11);
                } catch (IllegalStateException e) {
                    context.step("group failed: " + e.getMessage(), ctx -> { });
                }
                return Result.done();
            }
        };
        loop.register(outer);
        for (int i = 0; i < 20; i++) {
            queue.request(GROUP, 11); // the worker's runs of the group race the inline ones
        }
        long job = loop.reconcile(ObjectType.DEPLOYMENT_SPEC, 1);
        assertEquals(JobStatus.PASSED, engine.await(job, Duration.ofSeconds(10)).status());
        assertEquals(List.of("before", "Reconcile 11: step"), store.tasks(job).stream().map(t -> t.name()).toList());
        waitFor(queue::isIdle);
        assertFalse(overlap.get(), "never two reconciles of the group at once");

        otherUp.set(false);
        long second = loop.reconcile(ObjectType.DEPLOYMENT_SPEC, 1);
        assertEquals(JobStatus.PASSED, engine.await(second, Duration.ofSeconds(10)).status());
        assertEquals("group failed: Security group 11: controller down",
                store.tasks(second).get(store.tasks(second).size() - 1).name());
        assertTrue(loop.nextRetry(GROUP, 11).isPresent(), "the group's failure schedules the group's own retry");
        otherUp.set(true);
        waitFor(() -> loop.nextRetry(GROUP, 11).isEmpty());
    }

    @Test
    void aRequestForAnObjectItsRunningReconcileRemovedJoinsThatRunsJob() throws Exception {
        // A delete that comes while the create's reconcile runs: the run removes the object (it saw it marked), so
        // the delete's request finds nothing to describe. It used to answer "does not exist" (a 422 over REST).
        CountDownLatch removed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        behaviour.put(5L, ctx -> {
            behaviour.remove(5L);
            removed.countDown();
            release.await(10, TimeUnit.SECONDS);
        });
        long created = loop.reconcile(GROUP, 5);
        assertTrue(removed.await(10, TimeUnit.SECONDS));
        long deleted = loop.reconcile(GROUP, 5);
        release.countDown();
        assertEquals(created, deleted, "the request joins the job that removed the object");
        assertEquals(JobStatus.PASSED, engine.await(deleted, Duration.ofSeconds(10)).status());
        waitFor(queue::isIdle);
        assertEquals(1, runs(5));
        try {
            loop.reconcile(GROUP, 5);
            throw new AssertionError("an object that is gone, with no run of it, does not exist");
        } catch (org.osc.server.error.UnprocessableException expected) {
            assertTrue(expected.getMessage().contains("does not exist"), expected.getMessage());
        }
    }

    @Test
    void anObjectThatDoesNotExistMakesNoJob() throws Exception {
        queue.request(GROUP, 99);
        waitFor(queue::isIdle);
        Thread.sleep(100);
        assertEquals(List.of(), store.listJobs(null, 0));
    }

    private int runs(long id) {
        AtomicInteger count = runs.get(id);
        return count == null ? 0 : count.get();
    }

    /** Jobs with the status, oldest first. */
    private List<JobRecord> jobs(JobStatus status) {
        List<JobRecord> jobs = new ArrayList<>(store.listJobs(null, 0).stream()
                .filter(j -> j.status() == status).toList());
        Collections.reverse(jobs);
        return jobs;
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void onlyTheLeaderTakesKeysAndAFencedReconcileEndsAbortedWithoutARetry() throws Exception {
        TestLeadership election = new TestLeadership("me", false);
        loop.gate(election);
        behaviour.put(7L, ctx -> {
            // a plugin write the fencing refused: this replica lost the lease while the reconcile ran
            throw new NotLeaderException("me", "other");
        });
        behaviour.put(8L, ctx -> { });
        long job = loop.reconcile(GROUP, 8L);
        Thread.sleep(500);
        assertEquals(null, runs.get(8L), "a follower reconciles nothing: its key waits");
        election.lead();
        assertEquals(JobStatus.PASSED, engine.await(job, Duration.ofSeconds(10)).status(), "taken once it leads");

        long fenced = loop.reconcile(GROUP, 7L);
        JobRecord ended = engine.await(fenced, Duration.ofSeconds(10));
        assertEquals(JobStatus.ABORTED, ended.status(), "not FAILED: nothing went wrong but the leadership");
        assertTrue(ended.failureReason().contains("no longer leads"), ended.failureReason());
        assertTrue(loop.nextRetry(GROUP, 7L).isEmpty(), "not retried on this replica");
        Thread.sleep(500);
        assertEquals(1, runs.get(7L).get());

        election.lose();
        behaviour.put(9L, ctx -> { });
        loop.queue().request(GROUP, 9L);
        Thread.sleep(1500);
        assertEquals(null, runs.get(9L), "no key taken after it stopped leading");
    }
}
