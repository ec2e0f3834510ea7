package org.osc.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.osc.platform.api.Workload;

/**
 * The measured pod changes: creates of new pods and relabels of existing workload pods (label {@code app} moved to
 * another group's value), interleaved and started at a fixed rate whatever the previous ones are doing (an open
 * loop, so that slow answers do not slow the load down). Each change is timed from just before its API request to
 * (a) the port group write that made every group concerned right, and (b) the benchmark's own informer seeing it:
 * ADDED, then Running with an IP, for a create; the new label for a relabel. (a) is also split where OSC spent it
 * ({@link Trace}).
 */
final class Sampler {

    /** How long after the last change a sample may still complete. */
    private static final long GRACE_SECONDS = 30;

    /**
     * The latencies measured, in the order of the report; the last three split (a) for all samples: request to OSC's
     * informer report, report to the group's request handed to the reconcile service, hand-over to the port group
     * write (waiting for the group's running job, for a job thread, and the job's steps up to the write).
     */
    record Result(Latencies create, Latencies relabel, Latencies informerAdded, Latencies informerRunning,
            Latencies informerRelabel, Latencies oscInformer, Latencies handOver, Latencies job, Latencies bound,
            Latencies unbound, Latencies plugged, int creates, int relabels, double rate, double seconds,
            List<String> errors) {
    }

    /** Where the CNI the benchmark plays says when a pod's port was written (only with a real controller). */
    @FunctionalInterface
    interface Plugs {
        /** @return completed with {@link System#nanoTime()} once the pod's port is written; call before creating it */
        CompletableFuture<Long> expectPlugged(String namespace, String name);
    }

    private record Sample(boolean create, MembershipProbe.Expectation membership, InformerProbe.Mark informer,
            InformerProbe.Mark running, CompletableFuture<Long> plugged, Predicate<Workload> reported,
            boolean bound) {
    }

    private final BenchConfig config;
    private final Topology topology;
    private final PodDriver driver;
    private final InformerProbe informer;
    private final MembershipProbe probe;
    private final Trace trace;
    private final List<Long> groupIds;
    private final Plugs plugs;

    /** @param plugs the CNI's port writes, or null when there is no CNI (the SDN stand-ins) */
    Sampler(BenchConfig config, Topology topology, PodDriver driver, InformerProbe informer, MembershipProbe probe,
            Trace trace, List<Long> groupIds, Plugs plugs) {
        this.config = config;
        this.topology = topology;
        this.driver = driver;
        this.informer = informer;
        this.probe = probe;
        this.trace = trace;
        this.groupIds = groupIds;
        this.plugs = plugs;
    }

    /**
     * Runs {@code count} creates and {@code count} relabels.
     *
     * @param first the number of the first (sample pod names and relabelled pods follow from it, so that a warm-up
     *        run and a measured one never touch the same pod)
     */
    Result run(int first, int count) throws Exception {
        long interval = (long) (1e9 / config.rate());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Sample>> started = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long begin = System.nanoTime();
        try {
            for (int k = 0; k < 2 * count; k++) {
                long wait = begin + k * interval - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int n = first + k / 2;
                boolean create = k % 2 == 0;
                started.add(pool.submit(() -> create ? create(n) : relabel(n)));
            }
            List<Sample> samples = new ArrayList<>();
            for (Future<Sample> f : started) {
                try {
                    samples.add(f.get());
                } catch (ExecutionException e) {
                    errors.add(String.valueOf(e.getCause()));
                }
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
            Result result = new Result(new Latencies(), new Latencies(), new Latencies(), new Latencies(),
                    new Latencies(), new Latencies(), new Latencies(), new Latencies(), new Latencies(),
                    new Latencies(), new Latencies(), count, count, config.rate(), seconds, errors);
            for (Sample s : samples) {
                MembershipProbe.Expectation m = s.membership();
                if (await(m.done, deadline)) {
                    (s.create() ? result.create() : result.relabel()).add(m.latency());
                    (s.bound() ? result.bound() : result.unbound()).add(m.latency());
                    split(s, result);
                } else {
                    (s.create() ? result.create() : result.relabel()).miss();
                }
                record(s.informer(), deadline, s.create() ? result.informerAdded() : result.informerRelabel());
                if (s.running() != null) {
                    record(s.running(), deadline, result.informerRunning());
                }
                if (s.plugged() != null) {
                    if (await(s.plugged(), deadline)) {
                        result.plugged().add(s.plugged().getNow(0L) - s.membership().start);
                    } else {
                        result.plugged().miss();
                    }
                }
            }
            return result;
        } finally {
            pool.shutdownNow();
            probe.clear();
        }
    }

    private void split(Sample s, Result result) {
        MembershipProbe.Expectation m = s.membership();
        long done = m.start + m.latency();
        long reported = trace.reportedAt(m.namespace, m.name, m.start, s.reported());
        long handed = reported < 0 || m.lastGroup < 0 ? -1 : trace.submittedAt(groupIds.get(m.lastGroup), reported);
        if (reported < 0 || handed < 0 || handed > done) {
            return; // e.g. the write came from a reconcile requested before: no split for this one
        }
        result.oscInformer().add(reported - m.start);
        result.handOver().add(handed - reported);
        result.job().add(done - handed);
    }

    private static boolean await(CompletableFuture<Long> done, long deadline) throws InterruptedException {
        try {
            done.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    private static void record(InformerProbe.Mark mark, long deadline, Latencies into) throws InterruptedException {
        if (await(mark.seen, deadline)) {
            into.add(mark.latency());
        } else {
            into.miss();
        }
    }

    private Sample create(int n) {
        int index = config.pods() + n;
        String namespace = Topology.namespace(index);
        String name = "sample-" + n;
        Map<String, String> labels = topology.labels(index);
        Set<Integer> join = topology.groupsOf(labels);
        MembershipProbe.Expectation membership = probe.expect(namespace, name, join, Set.of());
        InformerProbe.Mark added = informer.expectAdd(namespace, name);
        InformerProbe.Mark running = informer.expectRunning(namespace, name);
        CompletableFuture<Long> plugged = plugs == null ? null : plugs.expectPlugged(namespace, name);
        long start = System.nanoTime();
        membership.start = start;
        added.start = start;
        running.start = start;
        driver.create(namespace, name, labels);
        return new Sample(true, membership, added, running, plugged, w -> !w.ipAddresses().isEmpty(),
                bound(join, Set.of()));
    }

    private Sample relabel(int n) {
        // Distinct pods spread over the whole population (7919 is prime, so no repeat within `pods` samples).
        int index = (int) ((n * 7919L + 13) % config.pods());
        String namespace = Topology.namespace(index);
        String name = PodDriver.name(index);
        Map<String, String> before = topology.labels(index);
        int from = index % topology.groups();
        String to = Topology.app((from + 1 + n % (topology.groups() - 1)) % topology.groups());
        Map<String, String> after = new LinkedHashMap<>(before);
        after.put("app", to);
        Set<Integer> join = new HashSet<>(topology.groupsOf(after));
        join.removeAll(topology.groupsOf(before));
        Set<Integer> leave = new HashSet<>(topology.groupsOf(before));
        leave.removeAll(topology.groupsOf(after));
        MembershipProbe.Expectation membership = probe.expect(namespace, name, join, leave);
        InformerProbe.Mark seen = informer.expectLabel(namespace, name, "app", to);
        long start = System.nanoTime();
        membership.start = start;
        seen.start = start;
        driver.label(namespace, name, "app", to);
        return new Sample(false, membership, seen, null, null, w -> to.equals(w.labels().get("app")),
                bound(join, leave));
    }

    /** @return whether a group whose port group must change is bound to the VNF (its jobs also sync the manager) */
    private boolean bound(Set<Integer> join, Set<Integer> leave) {
        return join.stream().anyMatch(config::bound) || leave.stream().anyMatch(config::bound);
    }
}
