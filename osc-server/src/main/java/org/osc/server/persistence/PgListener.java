package org.osc.server.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.osc.server.log.LogSafe;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on one PostgreSQL notification channel on a connection of its own (opened outside the pool,
 * {@link Database#openOutsidePool}) and hands each batch of notifications' texts to a handler. Notifications sent
 * while it does not listen are lost, so after each (re)connection it calls {@code reconnected} for the user to catch
 * up; after an error it reconnects a second later, backing off to 30 s.
 */
public final class PgListener implements AutoCloseable {

    /** A source of its connection. */
    @FunctionalInterface
    public interface Connector {
        /** @return a new connection, which the caller closes */
        Connection open() throws SQLException;
    }

    /** How long its connection may wait on the socket: well above a wait for notifications. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final String channel;
    private final String meanwhile;
    private final Connector connector;
    private final int waitMillis;
    private final Consumer<List<String>> batch;
    private final Runnable reconnected;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;
    private volatile boolean listening;

    /**
     * Starts listening.
     *
     * @param channel the channel (an SQL identifier of ours, never input)
     * @param meanwhile what happens while it cannot listen, for the log, e.g. "the poll adopts them meanwhile"
     * @param waitMillis how long one wait for notifications lasts, so that {@link #close} is noticed
     * @param batch called on the listener's thread with the texts of each batch of notifications
     * @param reconnected called on the listener's thread after each (re)connection, once listening
     */
    public PgListener(String channel, String meanwhile, Connector connector, int waitMillis,
            Consumer<List<String>> batch, Runnable reconnected) {
        this.channel = channel;
        this.meanwhile = meanwhile;
        this.connector = connector;
        this.waitMillis = waitMillis;
        this.batch = batch;
        this.reconnected = reconnected;
        this.thread = new Thread(this::listen, "osc-listen-" + channel);
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
                    statement.execute("LISTEN " + channel);
                }
                PGConnection pg = opened.unwrap(PGConnection.class);
                listening = true;
                retry = FIRST_RETRY;
                LOG.debug("Listening on {}", channel);
                reconnected.run();
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(waitMillis);
                    if (notifications != null && notifications.length > 0) {
                        handle(notifications);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (closed) {
                    return;
                }
                LOG.warn("Listening on {} failed ({}); {}, reconnecting in {} s", channel,
                        LogSafe.of(e.getMessage()), meanwhile, retry.toSeconds());
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

    private void handle(PGNotification[] notifications) {
        List<String> texts = new ArrayList<>(notifications.length);
        for (PGNotification notification : notifications) {
            texts.add(notification.getParameter());
        }
        try {
            batch.accept(texts);
        } catch (RuntimeException e) {
            LOG.warn("Notifications on {} could not be applied: {}", channel, LogSafe.of(e.toString()));
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
                LOG.debug("Closing the connection listening on {}: {}", channel, e.getMessage());
            }
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
