package org.osc.api.manager;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The manager was reached but refused the connector's credentials (wrong username, password or API key,
 * or an account without the rights OSC needs). OSC reports it on the manager connector and does not retry
 * until the connector is updated or synced, so that it does not lock the account out.
 */
@ProviderType
public class ManagerAuthenticationException extends ManagerException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused; never the credentials themselves
     */
    public ManagerAuthenticationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what was refused; never the credentials themselves
     * @param cause the underlying failure
     */
    public ManagerAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
