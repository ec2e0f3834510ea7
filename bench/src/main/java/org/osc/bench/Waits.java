package org.osc.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits by polling: for a condition, and for OSC to have nothing left to do. */
final class Waits {

    private static final long POLL_MILLIS = 100;
    private static final int QUIET_POLLS = 5;

    private Waits() {
    }

    /** @return whether the condition held before the timeout, polled every 50 ms */
    static boolean until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        return until(timeout, 50, condition);
    }

    /** @return whether the condition held before the timeout, polled every {@code pollMillis} */
    static boolean until(Duration timeout, long pollMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(pollMillis);
        }
        return true;
    }

    /**
     * Waits until OSC is quiet: no job queued or running and none completed, for {@value #QUIET_POLLS} polls
     * {@value #POLL_MILLIS} ms apart (so that requests still in the reconcile queue had time to become jobs).
     *
     * @return whether it got quiet before the timeout
     */
    static boolean quiet(OscSide osc, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int still = 0;
        int completed = osc.completedJobs.get();
        while (still < QUIET_POLLS) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
            int now = osc.completedJobs.get();
            still = now == completed && osc.jobsIdle() ? still + 1 : 0;
            completed = now;
        }
        return true;
    }
}
