package org.osc.itests.dist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Pods churning in a namespace at a steady rate, as {@code kubectl run} and {@code kubectl label} would: new pods
 * labelled {@code app=web} or {@code app=db}, and existing ones relabelled from one to the other (a real change
 * each time, one merge patch). A few threads share a fixed schedule: change k is due {@code k / rate} seconds after
 * the start, so one slow answer of the API server is made up by the next changes instead of lowering the rate, and
 * each thread owns its pods, so no two changes of one pod race. When each change was done is kept, for the rate
 * over any window (through a kill, say).
 *
 * <p>The sim-cluster API server answers one request at a time, in about 15–35 ms on this 2-core machine (its own
 * CPU is mostly idle: the time goes to the round trips and to the machine being shared); one thread that waited
 * for each answer before pacing the next reached about 16 changes/s beside two OSC replicas, which is why several
 * threads pipeline the changes here. Unbounded ({@code -Dosc.ha.churnRate=500}) these three threads did 86 and 151
 * changes/s through HaTakeoverIT's kill (45/s and 102/s over its slowest 5 s), so the 21/s asked has a margin of
 * two or more even on a machine shared with builds.
 */
final class HaChurn {

    /** Changes per second the schedule asks for, unless the system property {@value #RATE_PROPERTY} says. */
    static final double DEFAULT_RATE = 21;
    /** The system property that overrides the rate (e.g. a large value to measure what the cluster can take). */
    static final String RATE_PROPERTY = "osc.ha.churnRate";
    private static final int THREADS = 3;
    /** Each thread creates pods until it owns this many, then creates one change in three. */
    private static final int MIN_PODS = 14;
    private static final AtomicInteger GENERATION = new AtomicInteger();

    private final TestCluster cluster;
    private final String namespace;
    private final double rate;
    private final String prefix = "churn-" + GENERATION.incrementAndGet() + "-";
    /** Changes due after this (System.nanoTime) are not made; none until {@link #stop()}. */
    private volatile long stopAt = Long.MAX_VALUE;
    private final AtomicLong next = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> doneAt = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong maxLateNanos = new AtomicLong();
    private volatile long maxLateAt;
    private final List<Thread> threads = new ArrayList<>();
    private volatile long started;
    private volatile long stopped;

    HaChurn(TestCluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.rate = Double.parseDouble(System.getProperty(RATE_PROPERTY, Double.toString(DEFAULT_RATE)));
    }

    /** Starts the threads; returns this. */
    HaChurn start() {
        started = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            int worker = t;
            Thread thread = new Thread(() -> work(worker), "ha-churn-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    private void work(int worker) {
        Random random = new Random(42 + worker);
        List<String> pods = new ArrayList<>();
        Map<String, Boolean> web = new HashMap<>();
        int created = 0;
        while (true) {
            long due = started + (long) (next.getAndIncrement() * 1e9 / rate);
            if (due > stopAt) {
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (-wait > maxLateNanos.get()) {
                maxLateNanos.accumulateAndGet(-wait, Math::max);
                maxLateAt = System.nanoTime();
            }
            if (due > stopAt) {
                return;
            }
            try {
                if (pods.size() < MIN_PODS || random.nextInt(3) == 0) {
                    String name = prefix + worker + "-" + created++;
                    boolean isWeb = random.nextBoolean();
                    cluster.createPod(namespace, name, Map.of("app", isWeb ? "web" : "db"));
                    pods.add(name);
                    web.put(name, isWeb);
                } else {
                    String pod = pods.get(random.nextInt(pods.size()));
                    boolean isWeb = !web.get(pod);
                    cluster.relabel(namespace, pod, "app", isWeb ? "web" : "db");
                    web.put(pod, isWeb);
                }
                doneAt.add(System.nanoTime());
            } catch (RuntimeException e) {
                failed.incrementAndGet(); // not counted as done; the schedule goes on
            }
        }
    }

    /**
     * Stops: the changes due until now are still made (a churn behind its schedule after a stall of the machine
     * catches up first, at most 30 s), none after; the churn ends when the last is done. Returns how many changes
     * were done.
     */
    int stop() throws InterruptedException {
        if (stopAt != Long.MAX_VALUE) {
            return changes();
        }
        stopAt = System.nanoTime();
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        stopped = System.nanoTime();
        return changes();
    }

    /** @return the changes done so far */
    int changes() {
        return doneAt.size();
    }

    /** @return the changes that failed (not counted in the rate) */
    int failures() {
        return failed.get();
    }

    /** @return the rate the schedule asked for, changes/s */
    double target() {
        return rate;
    }

    /** @return when the churn started (System.nanoTime) */
    long startedAt() {
        return started;
    }

    /** @return when it stopped (System.nanoTime), or now while it runs */
    long stoppedAt() {
        return stopped == 0 ? System.nanoTime() : stopped;
    }

    /** @return changes done per second from start to stop */
    double rate() {
        return rate(started, stoppedAt());
    }

    /** @return changes done per second between two System.nanoTime instants */
    double rate(long from, long to) {
        long count = doneAt.stream().filter(t -> t >= from && t <= to).count();
        return count / ((to - from) / 1e9);
    }

    /** @return how far behind its schedule the churn was at worst, in ms */
    long maxLateMillis() {
        return maxLateNanos.get() / 1_000_000;
    }

    /** @return the lowest rate over any window of this many seconds (slid by 0.1 s), changes/s */
    double lowestRate(double seconds) {
        long window = (long) (seconds * 1e9);
        double lowest = Double.MAX_VALUE;
        for (long from = started; from + window <= stoppedAt(); from += 100_000_000L) {
            lowest = Math.min(lowest, rate(from, from + window));
        }
        return lowest == Double.MAX_VALUE ? rate() : lowest;
    }

    /**
     * @return e.g. "612 changes in 29.1 s = 21.0/s (asked 21/s; lowest over 5 s 19.8/s; at worst 180 ms behind,
     *     12.3 s after the start; 0 failed)"
     */
    String summary() {
        return String.format("%d changes in %.1f s = %.1f/s (asked %.0f/s; lowest over 5 s %.1f/s; at worst %d ms"
                + " behind, %.1f s after the start; %d failed)", changes(), (stoppedAt() - started) / 1e9, rate(),
                rate, lowestRate(5), maxLateMillis(), (maxLateAt - started) / 1e9, failures());
    }
}
