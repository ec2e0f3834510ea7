package org.osc.server.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.osc.server.persistence.StoreErrors;

/**
 * What follows a reconcile, for {@link ReconcileService}: the key's backoff on the queue, the retry each object
 * shows ({@code nextRetryAt}), and the probes of controllers that do not answer.
 */
final class Retries implements AutoCloseable {

    /**
     * When an object's next automatic reconcile is due.
     *
     * @param at when it is due
     * @param attempt the number of failed reconciles in a row, 0 for a recheck a reconcile asked for
     */
    record Retry(Instant at, int attempt) {
    }

    private final WorkQueue<ReconcileKey> queue;
    private final Clock clock;
    private final ReachabilityProbes probes;
    private final Map<ReconcileKey, Retry> retries = new ConcurrentHashMap<>();
    /** What objects whose reconcile failed for want of the database wait for; null when not probed. */
    private final UnreachableException database;

    /** How the database is named where a retry says what it waits for. */
    static final String DATABASE = "the database";

    /**
     * @param databaseAnswers whether the database answers, asked while objects wait for it; null: objects whose
     *     reconcile failed for want of the database only back off
     */
    Retries(WorkQueue<ReconcileKey> queue, Clock clock, String threadName, BooleanSupplier databaseAnswers) {
        this.queue = queue;
        this.clock = clock;
        this.probes = new ReachabilityProbes(this::answeredAgain, ReachabilityProbes.PERIOD, threadName);
        this.database = databaseAnswers == null ? null : new UnreachableException("The database does not answer",
                null, DATABASE, () -> {
                    if (!databaseAnswers.getAsBoolean()) {
                        throw new IllegalStateException("The database does not answer");
                    }
                });
    }

    /** @return the object's next automatic reconcile, if one is due */
    Optional<Retry> of(ReconcileKey key) {
        return Optional.ofNullable(retries.get(key));
    }

    /** The object is as it should be, or does not exist: its backoff starts over next time. */
    void done(ReconcileKey key) {
        queue.forget(key);
        retries.remove(key);
    }

    /** Someone changed or synced the object: a failure from now on backs off from the start again. */
    void restart(ReconcileKey key) {
        queue.forget(key);
    }

    /**
     * Acts on how the object's reconcile ended: done → its backoff is forgotten; requeue → looked at again after
     * the delay (backing off as it repeats); retry → queued again after its backoff (and, when a controller does
     * not answer, as soon as it answers again); stop → left until something asks again.
     *
     * @return for a failure, what happens next, for the job's reason; else null
     */
    String after(ReconcileKey key, Result result) {
        switch (result.outcome()) {
            case DONE -> {
                done(key);
                return null;
            }
            case REQUEUE -> {
                Duration delay = queue.addRateLimited(key, result.delay());
                retries.put(key, new Retry(clock.instant().plus(delay), 0));
                return null;
            }
            case STOP -> {
                done(key);
                return "Not retried: the object is reconciled again when it, its connector or its plugins change, "
                        + "or on a sync";
            }
            default -> {
                return retry(key, result);
            }
        }
    }

    private String retry(ReconcileKey key, Result result) {
        Duration delay = queue.addRateLimited(key, result.delay());
        Retry retry = new Retry(clock.instant().plus(delay), queue.failures(key));
        retries.put(key, retry);
        String note = "Retry " + retry.attempt() + " in " + describe(delay) + " (at "
                + retry.at().truncatedTo(ChronoUnit.SECONDS) + ")";
        Optional<UnreachableException> unreachable = result.cause() == null ? Optional.empty()
                : Failures.parts(result.cause()).filter(UnreachableException.class::isInstance)
                        .map(UnreachableException.class::cast).findFirst();
        if (unreachable.isEmpty() && result.cause() != null && StoreErrors.unreachable(result.cause())) {
            unreachable = Optional.ofNullable(database);
        }
        if (unreachable.isPresent() && delay.compareTo(ReachabilityProbes.PERIOD) > 0) {
            probes.waitFor(unreachable.get(), key);
            note += ", or as soon as " + unreachable.get().target() + " answers again";
        }
        return note;
    }

    /**
     * Queues the key after its backoff and records when.
     *
     * @return the delay
     */
    Duration backOff(ReconcileKey key) {
        Duration delay = queue.addRateLimited(key);
        retries.put(key, new Retry(clock.instant().plus(delay), queue.failures(key)));
        return delay;
    }

    /**
     * Queues the key after its backoff, as {@link #backOff(ReconcileKey)}, for a reconcile that could not run
     * because of the failure: when the database did not answer, the key is also queued as soon as it answers
     * again, so that an outage of a minute does not leave the object waiting a minute more for its backoff.
     *
     * @return the delay
     */
    Duration backOff(ReconcileKey key, Throwable failure) {
        Duration delay = backOff(key);
        if (database != null && delay.compareTo(ReachabilityProbes.PERIOD) > 0 && StoreErrors.unreachable(failure)) {
            probes.waitFor(database, key);
        }
        return delay;
    }

    @Override
    public void close() {
        probes.close();
    }

    /** A controller answers again: the objects that waited for it are reconciled now, their backoff reset. */
    private void answeredAgain(Set<ReconcileKey> keys) {
        for (ReconcileKey key : keys) {
            queue.forget(key);
            queue.add(key);
        }
    }

    private static String describe(Duration delay) {
        long millis = Math.max(0, delay.toMillis());
        return millis < 1000 ? millis + " ms" : millis < 120_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                : (millis / 60_000) + " min";
    }
}
