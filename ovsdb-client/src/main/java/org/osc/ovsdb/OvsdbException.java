package org.osc.ovsdb;

/**
 * An OVSDB call failed: the server answered with an error, the call timed out, or the connection broke.
 */
public class OvsdbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, readable by an operator
     */
    public OvsdbException(String message) {
        super(message);
    }

    /**
     * @param message what failed, readable by an operator
     * @param cause the underlying failure
     */
    public OvsdbException(String message, Throwable cause) {
        super(message, cause);
    }
}
