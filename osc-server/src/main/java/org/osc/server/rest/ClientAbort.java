package org.osc.server.rest;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that is the client's connection ending (closed or reset while its request was read or its
 * answer written, or idle past the server's timeout) from a failure of the server: the former is no server bug,
 * is logged at debug level, and its answer reaches no one.
 *
 * <p>Over TLS the connection's end does not always reach the request as Jetty's {@code EofException}: the TLS layer
 * raises {@code SSLException}s ("closed", "Broken pipe", "Connection reset", a missing {@code close_notify}) and the
 * socket plain {@code IOException}s. Those count when they were raised in Jetty's server connection I/O
 * ({@code org.eclipse.jetty.io}, not its HTTP client): the same exception types from the server's own connections
 * (the database, a plugin's manager) remain server failures.
 */
public final class ClientAbort {

    /** What Jetty throws (this class or a subclass) when the client's side of the connection ended. */
    private static final String JETTY_EOF = "org.eclipse.jetty.io.EofException";
    /** How Jetty's idle timeout of a connection begins its message. */
    private static final String IDLE_TIMEOUT = "Idle timeout";
    /** Where Jetty's connection I/O (plain and TLS end points) lives. */
    private static final String JETTY_IO = "org.eclipse.jetty.io.";
    /** Jetty's HTTP client, whose connections use the same I/O classes. */
    private static final String JETTY_CLIENT = "org.eclipse.jetty.client.";

    private ClientAbort() {
    }

    /**
     * @param failure a failure while serving a request, may be null
     * @return whether it, or one of its causes, is the client's connection ending
     */
    public static boolean is(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            // Named, not any EOFException or TimeoutException: those of the server's own work are its failures.
            if (isA(t.getClass(), JETTY_EOF) || t instanceof ClosedChannelException
                    || t instanceof TimeoutException && String.valueOf(t.getMessage()).startsWith(IDLE_TIMEOUT)
                    || t instanceof IOException && raisedByServerConnection(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether the type is, or extends, the named one: Jetty's {@code EofException} has subclasses (a client
     *     that ends its connection in the middle of its request body gives {@code HttpConnection.HttpEofException},
     *     "Early EOF"), and this bundle names it rather than wiring to its package
     */
    private static boolean isA(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether it was thrown in Jetty's connection I/O, and not in Jetty's HTTP client */
    private static boolean raisedByServerConnection(Throwable t) {
        boolean io = false;
        for (StackTraceElement frame : t.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith(JETTY_CLIENT)) {
                return false;
            }
            io |= type.startsWith(JETTY_IO);
        }
        return io;
    }
}
