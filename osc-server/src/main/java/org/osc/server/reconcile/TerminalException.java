package org.osc.server.reconcile;

/**
 * A reconcile step fails in a way that retrying cannot change (the object asks for something its plugin cannot
 * do, or it is gone): the job fails with this message and the object is not reconciled again until something
 * changes (an edit, a sync, a plugin arriving).
 */
public class TerminalException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message the readable reason */
    public TerminalException(String message) {
        super(message);
    }

    /** @param message the readable reason; @param cause what was thrown, for the log */
    public TerminalException(String message, Throwable cause) {
        super(message, cause);
    }
}
