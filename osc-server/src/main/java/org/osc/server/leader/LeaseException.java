package org.osc.server.leader;

/** The lease lock's store could not be reached or refused a write; the reason is readable by an admin. */
public class LeaseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason what failed, readable by an admin */
    public LeaseException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** @param reason what failed, readable by an admin */
    public LeaseException(String reason) {
        super(reason);
    }
}
