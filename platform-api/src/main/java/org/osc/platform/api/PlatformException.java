package org.osc.platform.api;

/** The platform could not answer: unreachable, unauthorised, or refused. The message is shown to users. */
public class PlatformException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message a readable reason naming what failed */
    public PlatformException(String message) {
        super(message);
    }

    /**
     * @param message a readable reason
     * @param cause the underlying failure
     */
    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
