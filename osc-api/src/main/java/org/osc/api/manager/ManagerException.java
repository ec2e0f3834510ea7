package org.osc.api.manager;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Base of every error a manager plugin reports. Thrown as is, it means an unexpected failure of the manager
 * (an internal error, a response OSC cannot interpret, a failure to persist); OSC records it on the job and
 * retries on the next reconciliation. Subclasses mark the cases OSC handles differently.
 */
@ProviderType
public class ManagerException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message meant for an administrator.
     *
     * @param message what went wrong, without credentials
     */
    public ManagerException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that caused it.
     *
     * @param message what went wrong, without credentials
     * @param cause the underlying failure
     */
    public ManagerException(String message, Throwable cause) {
        super(message, cause);
    }
}
