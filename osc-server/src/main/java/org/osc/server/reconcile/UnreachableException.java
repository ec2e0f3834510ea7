package org.osc.server.reconcile;

import java.util.Objects;

/**
 * A reconcile step failed because a controller or manager does not answer. Transient; besides the object's
 * backoff, the reconcile loop probes the controller (about once a second, see {@link ReachabilityProbes}) and
 * reconciles every object that waits for it as soon as it answers again, so an outage of minutes does not leave
 * objects waiting minutes more for their next backed-off retry.
 */
public class UnreachableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Asks the controller something cheap and read-only; returns normally when it answers. */
    @FunctionalInterface
    public interface Probe {
        /** @throws Exception while the controller still does not answer */
        void check() throws Exception;
    }

    private final String target;
    private final transient Probe probe;

    /**
     * @param message the readable reason, naming the object and the controller
     * @param cause the plugin's exception
     * @param target names what does not answer, e.g. {@code SDN controller 'X' of connector 'k8s'}: objects
     *     waiting for the same target share one probe
     * @param probe how to tell that it answers again
     */
    public UnreachableException(String message, Throwable cause, String target, Probe probe) {
        super(message, cause);
        this.target = Objects.requireNonNull(target, "target");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** @return what does not answer */
    public String target() {
        return target;
    }

    /** @return how to tell that it answers again */
    public Probe probe() {
        return probe;
    }
}
