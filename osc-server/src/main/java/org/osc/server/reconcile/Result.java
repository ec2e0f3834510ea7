package org.osc.server.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * How one reconcile ended, as its {@link Reconciler} returns it (or as {@link #of(Throwable)} makes it of what the
 * reconcile threw): the object is {@linkplain #done() done}; it is right for now but must be looked at again
 * {@linkplain #requeueAfter(Duration) after a delay}; it failed and is {@linkplain #retry(String) retried} with
 * backoff (transient); or it failed and {@linkplain #stop(String) waits for a change} (terminal). The reconcile
 * loop acts on it in one place and the job's record shows it: PASSED for the first two, FAILED with the reason and
 * what follows for the others.
 *
 * @param outcome which of the four
 * @param delay for REQUEUE, the delay; for RETRY, the shortest sensible wait (zero: the backoff's own); else zero
 * @param reason for RETRY and STOP, the readable reason; else null
 * @param cause for a failure made of an exception, the exception (its parts may ask for a probe of a controller
 *     that does not answer, see {@link UnreachableException}); else null
 */
public record Result(Outcome outcome, Duration delay, String reason, Throwable cause) {

    /** The four ways a reconcile ends. */
    public enum Outcome {
        /** The object's external state matches what the database says. */
        DONE,
        /** Right for now, not final yet (a VNF pod still starting): look again after the delay. */
        REQUEUE,
        /** Failed transiently: retried with backoff. */
        RETRY,
        /** Failed terminally: not retried until the object, its connector or its plugins change, or a sync. */
        STOP
    }

    private static final Result DONE = new Result(Outcome.DONE, Duration.ZERO, null, null);

    public Result {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("A delay must not be negative, got " + delay);
        }
        if ((outcome == Outcome.RETRY || outcome == Outcome.STOP) && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("A failed reconcile needs a reason");
        }
    }

    /** @return the result of a reconcile that left the object as it should be */
    public static Result done() {
        return DONE;
    }

    /**
     * @param delay how long to wait, more than zero; repeats back off from it
     * @return the result of a reconcile that passed but wants the object looked at again
     */
    public static Result requeueAfter(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            throw new IllegalArgumentException("A requeue delay must be more than zero, got " + delay);
        }
        return new Result(Outcome.REQUEUE, delay, null, null);
    }

    /** @return a transient failure, retried with the object's backoff */
    public static Result retry(String reason) {
        return retry(reason, Duration.ZERO);
    }

    /**
     * @param atLeast the shortest sensible wait before the retry, for a state something else reports the end of
     * @return a transient failure, retried with the object's backoff but not sooner than {@code atLeast}
     */
    public static Result retry(String reason, Duration atLeast) {
        return new Result(Outcome.RETRY, atLeast, reason, null);
    }

    /** @return a terminal failure, not retried until something changes */
    public static Result stop(String reason) {
        return new Result(Outcome.STOP, Duration.ZERO, reason, null);
    }

    /**
     * The result of a reconcile that threw: transient or terminal as {@link Failures} classifies it, with the
     * longest {@link NotReadyException#atLeast()} among its parts.
     */
    public static Result of(Throwable failure) {
        String reason = failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getSimpleName() : failure.getMessage();
        if (Failures.classify(failure) == Failures.Kind.TERMINAL) {
            return new Result(Outcome.STOP, Duration.ZERO, reason, failure);
        }
        Duration atLeast = Failures.parts(failure).filter(NotReadyException.class::isInstance)
                .map(t -> ((NotReadyException) t).atLeast()).max(Duration::compareTo).orElse(Duration.ZERO);
        return new Result(Outcome.RETRY, atLeast, reason, failure);
    }

    /** @return whether the reconcile failed (RETRY or STOP): its job ends FAILED */
    public boolean failed() {
        return outcome == Outcome.RETRY || outcome == Outcome.STOP;
    }
}
