package org.osc.server.handoff;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

import org.osc.server.jobstore.JpaJobStore;
import org.osc.server.log.LogSafe;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL for the notification every stored job sends ({@link JpaJobStore#JOBS_CHANNEL}) on a
 * connection of its own, and wakes the handoff for each batch. After an error it reconnects (a second later, then
 * backing off to 30 s) and wakes the handoff once connected again, since notifications sent meanwhile are lost.
 */
public final class JobNotifications implements AutoCloseable {

    /** A source of its connection, opened outside the pool ({@code Database#openOutsidePool}). */
    @FunctionalInterface
    public interface Connector {
        /** @return a new connection, which the caller closes */
        Connection open() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobNotifications.class);
    private static final AtomicInteger LISTENERS = new AtomicInteger();
    /** How long one wait for notifications lasts, so that {@link #close} is noticed. */
    private static final int WAIT_MILLIS = 1000;
    /** How long its connection may wait on the socket: well above {@link #WAIT_MILLIS}. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final Connector connector;
    private final Runnable wake;
    private final LongPredicate held;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;
    private volatile boolean listening;

    /**
     * Starts listening.
     *
     * @param wake called on the listener's thread for each batch of notifications naming a job this replica does
     *     not hold, and after each (re)connection
     * @param held whether this replica holds the job with that id already (stored or adopted it): its own jobs'
     *     notifications wake no one
     */
    public JobNotifications(Connector connector, Runnable wake, LongPredicate held) {
        this.connector = connector;
        this.wake = wake;
        this.held = held;
        this.thread = new Thread(this::listen, "osc-job-notifications-" + LISTENERS.incrementAndGet());
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
                    statement.execute("LISTEN " + JpaJobStore.JOBS_CHANNEL);
                }
                PGConnection pg = opened.unwrap(PGConnection.class);
                listening = true;
                retry = FIRST_RETRY;
                LOG.debug("Listening for stored jobs on {}", JpaJobStore.JOBS_CHANNEL);
                wake.run(); // what was stored while not listening
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && anyForeign(notifications)) {
                        wake.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (closed) {
                    return;
                }
                LOG.warn("Listening for stored jobs failed ({}); the poll adopts them meanwhile, reconnecting in {} s",
                        LogSafe.of(e.getMessage()), retry.toSeconds());
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

    /** @return whether a notification names a job this replica does not hold (or names none it can read) */
    private boolean anyForeign(PGNotification[] notifications) {
        for (PGNotification notification : notifications) {
            try {
                if (!held.test(Long.parseLong(notification.getParameter()))) {
                    return true;
                }
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
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
