package org.osc.api.manager;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The manager could not be reached at all (unknown host, connection refused, timeout, TLS failure before
 * authentication). OSC treats it as transient and retries with back-off.
 */
@ProviderType
public class ManagerUnreachableException extends ManagerException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which address could not be reached and why
     */
    public ManagerUnreachableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message which address could not be reached and why
     * @param cause the underlying failure, e.g. an {@link java.io.IOException}
     */
    public ManagerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
