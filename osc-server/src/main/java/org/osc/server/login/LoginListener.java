package org.osc.server.login;

/**
 * Told of refused logins and of each lock that begins (a DS service: every registered listener is called, on the
 * request's thread, so it must be quick and must not throw). The audit trail and the metrics listen here. Neither
 * method is ever given a password.
 */
public interface LoginListener {

    /** Why an attempt with credentials was refused. */
    enum Reason {
        /** The name and password do not match a user (401). */
        WRONG_CREDENTIALS,
        /** The name or the address is locked (429); the password was not checked. */
        LOCKED,
        /** The pool of password checks was full (503); the password was not checked. */
        BUSY;

        /** @return the name used in logs and metrics: lower case */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A lock began (once per lock: the attempts it then refuses are reported through {@link #refused}).
     *
     * @param lockout what is locked, for how long, and the failure that began it
     */
    void lockedOut(Lockout lockout);

    /**
     * An attempt with credentials was refused. Refusals without a password check ({@link Reason#LOCKED},
     * {@link Reason#BUSY}) come as fast as a flood sends them: a listener that stores something should count those
     * rather than write each one (the lock itself comes once, through {@link #lockedOut}).
     *
     * @param name the user name sent (need not be a user's)
     * @param address the client address
     * @param reason why
     */
    default void refused(String name, String address, Reason reason) {
    }
}
