package org.osc.server.login;

import java.time.Duration;

/**
 * A lock that began: from now on, for {@code duration}, every login attempt with the user name (kind
 * {@link Kind#NAME}) or from the client address (kind {@link Kind#ADDRESS}) is refused with 429 before any password
 * is checked.
 *
 * @param kind what is locked: the name or the address
 * @param name the user name of the failure that began it (as sent: it need not be a user's)
 * @param address the client address of that failure
 * @param failures the failures counted against what is locked, that one included
 * @param duration how long the lock lasts
 */
public record Lockout(Kind kind, String name, String address, int failures, Duration duration) {

    /** What a lock applies to. */
    public enum Kind {
        /** Every attempt with the user name, from any address (but one it recently logged in from). */
        NAME,
        /** Every attempt from the client address, with any name. */
        ADDRESS;

        /** @return the name used in logs and metrics: lower case */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
