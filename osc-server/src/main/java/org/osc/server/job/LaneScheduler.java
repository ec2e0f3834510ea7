package org.osc.server.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Decides when a submitted job may go to the pool. Jobs with a lock key wait in a FIFO lane per key and only
 * the head of a lane is handed to the pool, so two jobs on one key never overlap and never hold a pool thread
 * while waiting. Jobs without a key go to the pool at once.
 *
 * <p>One monitor guards the lanes and the open/closed state; nothing is queued after {@link #close()}. Jobs are
 * created (planned and stored) before they come here, without this monitor, so that a slow database never holds
 * up the job threads that release and start jobs; {@link JobEngine#submitIfAbsent} keeps "is one already queued
 * for this key?" and "queue a new one" together with a lock of its own per key.
 */
final class LaneScheduler {

    private enum Phase { NEW, OPEN, CLOSED }

    private final Executor pool;
    private final Function<JobRun, Runnable> runner;
    // guarded by this
    private final Map<ObjectRef, Deque<JobRun>> lanes = new HashMap<>();
    // written under this; read without it by isOpen/isClosed/requireOpen, which job threads call before every task
    private volatile Phase phase = Phase.NEW;

    LaneScheduler(Executor pool, Function<JobRun, Runnable> runner) {
        this.pool = pool;
        this.runner = runner;
    }

    synchronized void open() {
        requireNew();
        phase = Phase.OPEN;
    }

    synchronized void requireNew() {
        if (phase != Phase.NEW) {
            throw new IllegalStateException(phase == Phase.OPEN
                    ? "The job engine has already been started" : "The job engine is shut down");
        }
    }

    /** Stops accepting and dispatching; false if it was already closed. */
    synchronized boolean close() {
        if (phase == Phase.CLOSED) {
            return false;
        }
        phase = Phase.CLOSED;
        return true;
    }

    boolean isOpen() {
        return phase == Phase.OPEN;
    }

    boolean isClosed() {
        return phase == Phase.CLOSED;
    }

    /**
     * @return the newest job of this key that has not started (a new request for the key can be folded into it),
     *     or null
     */
    synchronized JobRun queued(ObjectRef key) {
        Deque<JobRun> lane = lanes.get(key);
        if (lane != null) {
            for (Iterator<JobRun> it = lane.descendingIterator(); it.hasNext();) {
                JobRun queued = it.next();
                if (queued.isQueued()) {
                    return queued;
                }
            }
        }
        return null;
    }

    /**
     * Queues a created job: it runs now if nothing else of its key does, else after the others of its key.
     *
     * @throws IllegalStateException if the scheduler is not open (the job is not queued then)
     */
    synchronized void enqueue(JobRun run) {
        requireOpen();
        ObjectRef key = run.lockKey();
        if (key == null) {
            pool.execute(runner.apply(run));
            return;
        }
        Deque<JobRun> lane = lanes.computeIfAbsent(key, k -> new ArrayDeque<>());
        lane.addLast(run);
        if (lane.size() == 1) {
            pool.execute(runner.apply(run));
        }
    }

    /** The job's thread is done with it: the next job of its lane may go. */
    synchronized void release(JobRun run) {
        ObjectRef key = run.lockKey();
        Deque<JobRun> lane = key == null ? null : lanes.get(key);
        if (lane == null) {
            return;
        }
        boolean wasHead = lane.peekFirst() == run;
        lane.remove(run);
        if (lane.isEmpty()) {
            lanes.remove(key);
        } else if (wasHead && phase == Phase.OPEN) {
            pool.execute(runner.apply(lane.peekFirst()));
        }
    }

    /** @throws IllegalStateException unless open */
    void requireOpen() {
        if (phase != Phase.OPEN) {
            throw new IllegalStateException(phase == Phase.NEW
                    ? "The job engine has not been started" : "The job engine is shut down");
        }
    }
}
