package org.osc.server.rest;

import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that is the client's connection ending (closed or reset while its request was read or its
 * answer written, or idle past the server's timeout) from a failure of the server: the former is no server bug,
 * is logged at debug level, and its answer reaches no one.
 */
public final class ClientAbort {

    /** What Jetty throws when the client's side of the connection ended. */
    private static final String JETTY_EOF = "org.eclipse.jetty.io.EofException";
    /** How Jetty's idle timeout of a connection begins its message. */
    private static final String IDLE_TIMEOUT = "Idle timeout";

    private ClientAbort() {
    }

    /**
     * @param failure a failure while serving a request, may be null
     * @return whether it, or one of its causes, is the client's connection ending
     */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Named, not any EOFException or TimeoutException: those of the server's own work are its failures.
            if (JETTY_EOF.equals(t.getClass().getName()) || t instanceof ClosedChannelException
                    || t instanceof TimeoutException && String.valueOf(t.getMessage()).startsWith(IDLE_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }
}
