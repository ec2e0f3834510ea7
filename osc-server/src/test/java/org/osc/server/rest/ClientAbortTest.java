package org.osc.server.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class ClientAbortTest {

    @Test
    void aConnectionEndedByTheClientIsNoServerFailure() {
        assertTrue(ClientAbort.is(new IOException(new org.eclipse.jetty.io.EofException("reset"))));
        assertTrue(ClientAbort.is(new IllegalStateException(new ClosedChannelException())));
        assertTrue(ClientAbort.is(new TimeoutException("Idle timeout expired")));
        assertTrue(ClientAbort.is(new EarlyEof()), "a subclass of Jetty's EofException");
    }

    /** As Jetty's HttpConnection.HttpEofException ("Early EOF"): a client gone in the middle of its body. */
    private static final class EarlyEof extends org.eclipse.jetty.io.EofException {
        private static final long serialVersionUID = 1L;

        EarlyEof() {
            super("Early EOF");
            setStackTrace(new StackTraceElement[0]);
        }
    }

    @Test
    void anythingElseIs() {
        assertFalse(ClientAbort.is(new IllegalStateException("a bug")));
        assertFalse(ClientAbort.is(new IOException("disk full")));
        assertFalse(ClientAbort.is(new EOFException("a file of the server's ended early")));
        assertFalse(ClientAbort.is(new TimeoutException("a plugin did not answer")));
        assertFalse(ClientAbort.is(null));
    }
}
