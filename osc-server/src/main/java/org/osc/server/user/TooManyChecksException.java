package org.osc.server.user;

/**
 * A password had to be checked (it was not a credential verified recently) and the bounded pool of password checks
 * was full: the caller should answer at once that the server is busy (503 with {@code Retry-After}) rather than wait.
 */
public final class TooManyChecksException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The one reason: the pool and its queue are full. */
    public TooManyChecksException() {
        super("Too many password checks are waiting", null, false, false);
    }
}
