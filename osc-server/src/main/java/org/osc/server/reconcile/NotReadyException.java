package org.osc.server.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * A reconcile step cannot finish yet because something outside OSC has not caught up (a VNF pod without an
 * inspection port yet, a port the SDN controller has not learned yet, a plugin not installed yet). Transient:
 * the job fails with this message and the object is reconciled again with backoff.
 */
public class NotReadyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final Duration atLeast;

    /** @param message the readable reason, naming the object and what it waits for */
    public NotReadyException(String message) {
        this(message, Duration.ZERO);
    }

    /**
     * @param message the readable reason, naming the object and what it waits for
     * @param atLeast the shortest sensible wait before a retry, for a state that something else reports the end of
     *     (the retry is then only a backstop, and quick ones would only add failed jobs)
     */
    public NotReadyException(String message, Duration atLeast) {
        super(message);
        this.atLeast = Objects.requireNonNull(atLeast, "atLeast");
    }

    /** @return the shortest sensible wait before a retry; zero for the backoff's own */
    public Duration atLeast() {
        return atLeast;
    }
}
