package org.osc.server.user;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.osc.server.log.LogSafe;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL's {@link AuthChannel#CHANNEL} on a connection of its own and hands each notification's text
 * to a handler. Notifications sent while it was not listening are lost, so after each (re)connection it calls
 * {@code reconnected} (which drops everything remembered); after an error it reconnects a second later, backing off
 * to 30 s. Meanwhile what is remembered still expires by itself (30 s for tokens, a minute for passwords).
 */
public final class AuthNotifications implements AutoCloseable {

    /** A source of its connection, opened outside the pool ({@code Database#openOutsidePool}). */
    @FunctionalInterface
    public interface Connector {
        /** @return a new connection, which the caller closes */
        Connection open() throws SQLException;
    }

    /** How long its connection may wait on the socket: well above a wait for notifications. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(AuthNotifications.class);
    private static final AtomicInteger LISTENERS = new AtomicInteger();
    private static final int WAIT_MILLIS = 500;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final Connector connector;
    private final Consumer<String> handler;
    private final Runnable reconnected;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;
    private volatile boolean listening;

    /**
     * Starts listening.
     *
     * @param connector opens its connection
     * @param handler called on the listener's thread with each notification's text
     * @param reconnected called on the listener's thread after each (re)connection, once listening
     */
    public AuthNotifications(Connector connector, Consumer<String> handler, Runnable reconnected) {
        this.connector = connector;
        this.handler = handler;
        this.reconnected = reconnected;
        this.thread = new Thread(this::listen, "osc-auth-notifications-" + LISTENERS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** @return whether it listens now (connected, LISTEN done) */
    public boolean isListening() {
        return listening;
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        while (!closed) {
            try (Connection opened = connector.open()) {
                connection = opened;
                opened.setAutoCommit(true);
                try (Statement statement = opened.createStatement()) {
                    statement.execute("LISTEN " + AuthChannel.CHANNEL);
                }
                PGConnection pg = opened.unwrap(PGConnection.class);
                listening = true;
                retry = FIRST_RETRY;
                reconnected.run();
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            handle(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (closed) {
                    return;
                }
                LOG.warn("Listening for changes of users and tokens failed ({}); other replicas' changes apply"
                        + " within 30 s meanwhile, reconnecting in {} s", LogSafe.of(e.getMessage()),
                        retry.toSeconds());
                if (!pause(retry)) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private void handle(String text) {
        try {
            handler.accept(text);
        } catch (RuntimeException e) {
            LOG.warn("A change of users or tokens could not be applied: {}", LogSafe.of(e.toString()));
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops listening and closes the connection. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                LOG.debug("Closing the notification connection: {}", e.getMessage());
            }
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
