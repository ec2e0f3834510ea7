package org.osc.server.mc;

/**
 * A reconcile step that the manager (or its missing plugin) made fail. The message becomes the job's failure
 * reason, so it names the connector and the cause, and never carries credentials.
 */
public class ManagerFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message e.g. "Manager connector 'mgr1': manager rejected the credentials (...)" */
    public ManagerFailure(String message) {
        super(message);
    }

    /** @param message the readable reason; @param cause the plugin's exception, for the log */
    public ManagerFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
