package org.osc.sdn.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Base of every checked error an SDN plugin reports to OSC. OSC records the message in the failed task and
 * retries on its next reconciliation, so a message should say what failed in the controller's terms.
 * Plugins throw the most specific subclass that applies; a plain {@code SdnException} means an error of the
 * controller that none of the subclasses describes.
 */
@ProviderType
public class SdnException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     */
    public SdnException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed
     * @param cause the underlying error
     */
    public SdnException(String message, Throwable cause) {
        super(message, cause);
    }
}
