package org.osc.server.job;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every task a time limit: a task still running when it is up has its thread interrupted, which the SPIs'
 * blocking calls (HTTP clients, locks, sleeps) answer by throwing; the task then fails with a reason that says it
 * timed out. A task that ignores the interrupt keeps its thread until it returns: Java cannot stop it, and
 * abandoning it would let it run on beside the next job of the same object.
 */
final class TaskDeadlines {

    private static final Logger LOG = LoggerFactory.getLogger(TaskDeadlines.class);

    private final Duration timeout;
    private final ScheduledExecutorService timer;

    /**
     * @param timeout how long a task may run; zero or negative for no limit
     * @param timer runs the alarms (the engine's, shut down by it)
     */
    TaskDeadlines(Duration timeout, ScheduledExecutorService timer) {
        this.timeout = timeout;
        this.timer = timer;
    }

    /** @return the limit, as a failure reason tells it */
    Duration timeout() {
        return timeout;
    }

    /** Starts the clock for a task about to run on the calling thread. */
    Deadline start(long jobId, String taskName) {
        Deadline deadline = new Deadline(Thread.currentThread(), jobId, taskName);
        if (isLimited()) {
            deadline.alarm = timer.schedule(deadline::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        return deadline;
    }

    private boolean isLimited() {
        return !timeout.isZero() && !timeout.isNegative();
    }

    /** The time limit of one task run. */
    static final class Deadline {
        private final Thread thread;
        private final long jobId;
        private final String taskName;
        // guarded by this
        private ScheduledFuture<?> alarm;
        private boolean running = true;
        private boolean expired;

        private Deadline(Thread thread, long jobId, String taskName) {
            this.thread = thread;
            this.jobId = jobId;
            this.taskName = taskName;
        }

        private synchronized void expire() {
            if (running) {
                expired = true;
                LOG.warn("Job {} task '{}' ran out of time; interrupting it", jobId, taskName);
                thread.interrupt();
            }
        }

        /**
         * Stops the clock; call on the task's thread once it returned. No interrupt can arrive after this, and one
         * that came from the deadline is cleared, so that it does not reach what the thread does next.
         *
         * @return whether the time ran out while the task ran
         */
        boolean stop() {
            synchronized (this) {
                running = false;
                if (alarm != null) {
                    alarm.cancel(false);
                }
            }
            if (expired) {
                Thread.interrupted();
            }
            return expired;
        }
    }
}
