package org.osc.server.user;

import java.time.Duration;
import java.util.function.Consumer;

import org.osc.server.log.LogSafe;
import org.osc.server.persistence.PgListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL's {@link AuthChannel#CHANNEL} and hands each notification's text to a handler.
 * Notifications sent while it was not listening are lost, so after each (re)connection it calls {@code reconnected}
 * (which drops everything remembered); it reconnects after an error ({@link PgListener}). Meanwhile what is
 * remembered still expires by itself (30 s for tokens, a minute for passwords).
 */
public final class AuthNotifications implements AutoCloseable {

    /** How long its connection may wait on the socket. */
    public static final Duration SOCKET_TIMEOUT = PgListener.SOCKET_TIMEOUT;

    private static final Logger LOG = LoggerFactory.getLogger(AuthNotifications.class);
    private static final int WAIT_MILLIS = 500;

    private final PgListener listener;

    /**
     * Starts listening.
     *
     * @param connector opens its connection
     * @param handler called on the listener's thread with each notification's text
     * @param reconnected called on the listener's thread after each (re)connection, once listening
     */
    public AuthNotifications(PgListener.Connector connector, Consumer<String> handler, Runnable reconnected) {
        this.listener = new PgListener(AuthChannel.CHANNEL, "other replicas' changes of users and tokens apply"
                + " within 30 s meanwhile", connector, WAIT_MILLIS, texts -> texts.forEach(text -> {
                    try {
                        handler.accept(text);
                    } catch (RuntimeException e) {
                        LOG.warn("A change of users or tokens could not be applied: {}", LogSafe.of(e.toString()));
                    }
                }), reconnected);
    }

    /** @return whether it listens now (connected, LISTEN done) */
    public boolean isListening() {
        return listener.isListening();
    }

    /** Stops listening and closes the connection. */
    @Override
    public void close() {
        listener.close();
    }
}
