package org.osc.ovsdb;

/**
 * The client has no connection to the server at the moment (it was never established, or it broke and the client
 * is reconnecting), so the call was not sent or its answer was lost. Whether a lost call took effect is unknown.
 */
public class NotConnectedException extends OvsdbException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and why
     */
    public NotConnectedException(String message) {
        super(message);
    }

    /**
     * @param message what failed and why
     * @param cause the underlying failure
     */
    public NotConnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
