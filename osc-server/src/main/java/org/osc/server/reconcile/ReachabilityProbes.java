package org.osc.server.reconcile;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the controllers that reconciles found unreachable, one probe per controller however many objects
 * wait for it, and hands the waiting objects back as soon as it answers. A probe runs only while some object
 * waits, every {@link #PERIOD}; it is a cheap read-only call (an SDN controller's status).
 */
final class ReachabilityProbes implements AutoCloseable {

    /** How often a controller that objects wait for is asked whether it answers again. */
    static final Duration PERIOD = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ReachabilityProbes.class);

    private record Waiting(UnreachableException.Probe probe, Set<ReconcileKey> keys, ScheduledFuture<?> task) {
    }

    private final Consumer<Set<ReconcileKey>> answered;
    private final Duration period;
    private final ScheduledExecutorService timer;
    // guarded by this
    private final Map<String, Waiting> waiting = new HashMap<>();

    /** @param answered told the keys that waited for a controller that answers again */
    ReachabilityProbes(Consumer<Set<ReconcileKey>> answered, Duration period, String threadName) {
        this.answered = answered;
        this.period = period;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The object waits for the target to answer again. */
    synchronized void waitFor(UnreachableException failure, ReconcileKey key) {
        Waiting entry = waiting.get(failure.target());
        if (entry == null) {
            try {
                ScheduledFuture<?> task = timer.scheduleWithFixedDelay(() -> probe(failure.target()),
                        period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
                entry = new Waiting(failure.probe(), new HashSet<>(), task);
                waiting.put(failure.target(), entry);
                LOG.info("{} does not answer; asking it every {} ms", failure.target(), period.toMillis());
            } catch (RejectedExecutionException closed) {
                return;
            }
        }
        entry.keys().add(key);
    }

    private void probe(String target) {
        Waiting entry;
        synchronized (this) {
            entry = waiting.get(target);
        }
        if (entry == null) {
            return;
        }
        try {
            entry.probe().check();
        } catch (Exception stillDown) {
            return;
        }
        Set<ReconcileKey> keys;
        synchronized (this) {
            waiting.remove(target);
            entry.task().cancel(false);
            keys = Set.copyOf(entry.keys());
        }
        LOG.info("{} answers again: reconciling the {} object(s) that waited for it", target, keys.size());
        answered.accept(keys);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
