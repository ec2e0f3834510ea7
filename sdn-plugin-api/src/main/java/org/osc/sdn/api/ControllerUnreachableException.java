package org.osc.sdn.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugin could not reach its controller (connection refused, timeout, authentication to the controller
 * failed). The call may or may not have taken effect; because every mutating call is idempotent OSC simply
 * repeats it on a later reconciliation.
 */
@ProviderType
public class ControllerUnreachableException extends SdnException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which controller could not be reached and why
     * @param cause the underlying error, or null
     */
    public ControllerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
