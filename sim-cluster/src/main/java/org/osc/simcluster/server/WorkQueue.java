package org.osc.simcluster.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keys of objects to reconcile, worked off one at a time on a single thread, like client-go's workqueue:
 * a key added while it is already waiting is not queued twice, and a key added while it is being handled is
 * handled again afterwards, so the handler always ends up looking at the newest state. One thread means the
 * controller never races itself (two reconciles of one Deployment creating pods at once). A failed key is retried
 * with exponential backoff, 200 ms doubling to 30 s.
 */
final class WorkQueue implements AutoCloseable {

    /** Handles one key; any exception schedules a retry. */
    interface Handler {
        void handle(String key) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final Handler handler;
    private final Set<String> pending = new LinkedHashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "sim-controller");
        t.setDaemon(true);
        return t;
    });

    WorkQueue(Handler handler) {
        this.handler = handler;
    }

    /** @param key object to reconcile soon; returns at once */
    void add(String key) {
        synchronized (pending) {
            if (!pending.add(key)) {
                return;
            }
        }
        try {
            executor.execute(this::handleNext);
        } catch (RejectedExecutionException closing) {
            // shutting down: nothing more to reconcile
        }
    }

    /**
     * Runs a task on the queue's thread at a fixed rate, so it never runs alongside a reconcile.
     *
     * @param period time between runs
     * @param task the task; an exception is logged and the next run still happens
     */
    void every(Duration period, Runnable task) {
        executor.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("periodic task failed", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handleNext() {
        String key;
        synchronized (pending) {
            Iterator<String> it = pending.iterator();
            if (!it.hasNext()) {
                return;
            }
            key = it.next();
            it.remove();
        }
        try {
            handler.handle(key);
            failures.remove(key);
        } catch (Exception e) {
            if (executor.isShutdown()) {
                return;
            }
            int attempt = failures.merge(key, 1, Integer::sum);
            long delay = Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(attempt, 9));
            // a first failure is usually a 409 from a cache a step behind, and the retry fixes it
            if (attempt < 3) {
                LOG.debug("reconcile of {} failed (attempt {}), retrying in {} ms", key, attempt, delay, e);
            } else {
                LOG.warn("reconcile of {} failed (attempt {}), retrying in {} ms: {}", key, attempt, delay,
                        e.toString());
            }
            try {
                executor.schedule(() -> add(key), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // shutting down
            }
        }
    }

    /** @return true when nothing waits to be handled */
    boolean isIdle() {
        synchronized (pending) {
            return pending.isEmpty();
        }
    }

    /** Drops waiting keys and waits up to 10 s for the running one. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
