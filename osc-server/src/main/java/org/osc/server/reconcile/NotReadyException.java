package org.osc.server.reconcile;

/**
 * A reconcile step cannot finish yet because something outside OSC has not caught up (a VNF pod without an
 * inspection port yet, a port the SDN controller has not learned yet, a plugin not installed yet). Transient:
 * the job fails with this message and the object is reconciled again with backoff.
 */
public class NotReadyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message the readable reason, naming the object and what it waits for */
    public NotReadyException(String message) {
        super(message);
    }
}
