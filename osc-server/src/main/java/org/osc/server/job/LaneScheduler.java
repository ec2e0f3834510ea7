package org.osc.server.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides when a submitted job may go to the pool. Jobs with a lock key wait in a FIFO lane per key and only
 * the head of a lane is handed to the pool, so two jobs on one key never overlap and never hold a pool thread
 * while waiting. Jobs without a key go to the pool at once.
 *
 * <p>One monitor guards the lanes and the open/closed state; submission runs the job's creation under it, so
 * that "is one already queued for this key?" and "queue a new one" are a single step, and nothing is created
 * after {@link #close()}. It also throttles: job threads handing a lane on wait while a job is planned and
 * stored, so under load each job starts later and covers more changes. Planning outside the monitor (a lock per
 * key instead) was tried with the benchmark (bench/, 10k pods x 100 groups on two cores): it did not help, and
 * two of its runs were several times slower; the runs of this machine vary too much to say more.
 */
final class LaneScheduler {

    private enum Phase { NEW, OPEN, CLOSED }

    private final Executor pool;
    private final Function<JobRun, Runnable> runner;
    // guarded by this
    private final Map<ObjectRef, Deque<JobRun>> lanes = new HashMap<>();
    // written under this; read without it by isOpen/isClosed, which job threads call before every task and which
    // must not wait while submitIfAbsent plans and stores a job under this monitor
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

    /** Creates a job and queues it. */
    synchronized JobRun submit(Supplier<JobRun> create) {
        requireOpen();
        JobRun run = create.get();
        enqueue(run);
        return run;
    }

    /** Returns the job still queued for this key, or creates and queues one. */
    synchronized JobRun submitIfAbsent(ObjectRef key, Supplier<JobRun> create) {
        requireOpen();
        Deque<JobRun> lane = lanes.get(key);
        if (lane != null) {
            // the newest queued one: it starts after everything else that is waiting on this key
            for (Iterator<JobRun> it = lane.descendingIterator(); it.hasNext();) {
                JobRun queued = it.next();
                if (queued.isQueued()) {
                    return queued;
                }
            }
        }
        JobRun run = create.get();
        enqueue(run);
        return run;
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

    private void enqueue(JobRun run) {
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

    private void requireOpen() {
        if (phase != Phase.OPEN) {
            throw new IllegalStateException(phase == Phase.NEW
                    ? "The job engine has not been started" : "The job engine is shut down");
        }
    }
}
