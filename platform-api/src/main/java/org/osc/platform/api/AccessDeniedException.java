package org.osc.platform.api;

/**
 * The cluster answered, but refused the connector's credentials or they lack a permission OSC needs: the
 * credentials, not the address, have to change. The message is shown to users and names what is missing.
 */
public class AccessDeniedException extends PlatformException {

    private static final long serialVersionUID = 1L;

    /** @param message a readable reason naming every refused or missing permission */
    public AccessDeniedException(String message) {
        super(message);
    }

    /**
     * @param message a readable reason
     * @param cause the underlying failure
     */
    public AccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
