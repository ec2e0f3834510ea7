package org.osc.server.handoff;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osc.server.domain.ObjectType;
import org.osc.server.job.JobStore;
import org.osc.server.jobs.JobService;
import org.osc.server.reconcile.Backoff;
import org.osc.server.reconcile.ReconcileContext;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.reconcile.Result;
import org.osc.server.reconcile.WorkQueue;

/**
 * One OSC replica as far as jobs go, over a job store it may share with others (one database): its job service,
 * reconcile loop and handoff, following a {@link FakeLeadership}. Its security group reconciler takes one step and
 * records which job ran it and when; a group whose gate is set waits in that step until the gate opens.
 */
final class Replica implements AutoCloseable {

    static final ObjectType GROUP = ObjectType.SECURITY_GROUP;

    final String name;
    final JobService jobs;
    final ReconcileService loop;
    final JobHandoff handoff;
    final FakeLeadership leadership;
    /** When each job's reconcile began, by job id (System.nanoTime). */
    final Map<Long, Long> began = new ConcurrentHashMap<>();
    final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
    final Map<Long, CountDownLatch> gates = new ConcurrentHashMap<>();

    Replica(String name, JobStore store, boolean leads, Duration poll, int threads) {
        this.name = name;
        this.jobs = new JobService(store, threads, Duration.ZERO, poll, false);
        this.loop = new ReconcileService(jobs.engine(), new ReconcileQueue(new WorkQueue<>(Clock.systemUTC(),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)))), threads, Clock.systemUTC());
        loop.register(reconciler());
        this.leadership = new FakeLeadership(name, leads);
        jobs.follow(leadership); // its jobs name it as their runner, with the token of its term, while it leads
        this.handoff = new JobHandoff(loop, jobs, poll);
        handoff.follow(leadership);
    }

    private Reconciler reconciler() {
        return new Reconciler() {
            @Override
            public ObjectType type() {
                return GROUP;
            }

            @Override
            public Optional<Description> describe(long id) {
                return Optional.of(new Description("Reconcile group " + id));
            }

            @Override
            public Result reconcile(long id, ReconcileContext context) throws Exception {
                began.put(context.jobId(), System.nanoTime());
                context.step("step", ctx -> {
                    runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    CountDownLatch gate = gates.get(id);
                    if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("gate never opened");
                    }
                });
                return Result.done();
            }
        };
    }

    int runs(long id) {
        AtomicInteger count = runs.get(id);
        return count == null ? 0 : count.get();
    }

    /** Stops it as a clean shutdown does: the handoff first, then the loop and the engine. */
    @Override
    public void close() {
        handoff.close();
        loop.close();
        jobs.engine().close();
    }
}
