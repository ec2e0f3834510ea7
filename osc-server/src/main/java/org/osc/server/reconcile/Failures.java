package org.osc.server.reconcile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.osc.api.manager.ManagerAuthenticationException;
import org.osc.api.manager.ManagerValidationException;
import org.osc.sdn.api.NotSupportedException;
import org.osc.server.error.OscException;

/**
 * The one place that tells a transient reconcile failure (retried with backoff) from a terminal one (not
 * retried until something changes). A failure is classified by the first exception in its cause chain that says
 * which it is; what says nothing is transient, as in controller-runtime, because the backoff bounds what a wrong
 * guess costs (one job per key every five minutes at worst).
 *
 * <p>Terminal: {@link TerminalException}; OSC's own validation failures ({@link OscException}: 4xx answers);
 * a plugin's {@link NotSupportedException}; a manager that rejects the request or the credentials
 * ({@link ManagerValidationException}, {@link ManagerAuthenticationException}: a changed connector triggers the
 * retry); {@link IllegalArgumentException} (a bug or bad data that a retry repeats). Transient: everything else,
 * notably {@link NotReadyException}, an unreachable controller or manager, a missing plugin, an element the SDN
 * controller does not know yet, a cluster or database outage.
 */
public final class Failures {

    /** What to do about a failure. */
    public enum Kind {
        /** Retry with backoff. */
        TRANSIENT,
        /** Wait for a change. */
        TERMINAL
    }

    private Failures() {
    }

    /**
     * @return the kind of one failure, by the first exception in its cause chain that decides; a failure that
     *     gathers several (as suppressed exceptions, without a cause) is classified by them together
     */
    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getCause() == null && t.getSuppressed().length > 0 && !(t instanceof NotReadyException)
                    && !(t instanceof TerminalException)) {
                return classify(List.of(t.getSuppressed()));
            }
            if (t instanceof NotReadyException) {
                return Kind.TRANSIENT;
            }
            if (t instanceof TerminalException || t instanceof OscException || t instanceof NotSupportedException
                    || t instanceof ManagerValidationException || t instanceof ManagerAuthenticationException
                    || t instanceof IllegalArgumentException) {
                return Kind.TERMINAL;
            }
        }
        return Kind.TRANSIENT;
    }

    /**
     * @return every exception a failure is made of: its cause chain, and the chains of the failures it gathered
     *     (suppressed), in that order
     */
    static Stream<Throwable> parts(Throwable failure) {
        List<Throwable> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && !parts.contains(t); t = t.getCause()) {
            parts.add(t);
            for (Throwable suppressed : t.getSuppressed()) {
                parts(suppressed).forEach(parts::add);
            }
        }
        return parts.stream();
    }

    /** @return TRANSIENT when any of the failures is (a retry may fix that one), else TERMINAL */
    public static Kind classify(Collection<? extends Throwable> failures) {
        return failures.stream().anyMatch(f -> classify(f) == Kind.TRANSIENT) ? Kind.TRANSIENT : Kind.TERMINAL;
    }
}
