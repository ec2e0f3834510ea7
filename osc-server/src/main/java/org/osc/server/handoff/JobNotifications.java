package org.osc.server.handoff;

import java.time.Duration;
import java.util.List;
import java.util.function.LongPredicate;

import org.osc.server.jobstore.JpaJobStore;
import org.osc.server.persistence.PgListener;

/**
 * Listens on PostgreSQL for the notification every stored job sends ({@link JpaJobStore#JOBS_CHANNEL}) and wakes
 * the handoff for each batch naming a job this replica does not hold. After an error it reconnects ({@link
 * PgListener}) and wakes the handoff once connected again, since notifications sent meanwhile are lost.
 */
public final class JobNotifications implements AutoCloseable {

    /** How long its connection may wait on the socket. */
    static final Duration SOCKET_TIMEOUT = PgListener.SOCKET_TIMEOUT;
    /** How long one wait for notifications lasts. */
    private static final int WAIT_MILLIS = 1000;

    private final PgListener listener;

    /**
     * Starts listening.
     *
     * @param connector opens its connection
     * @param wake called on the listener's thread for each batch of notifications naming a job this replica does
     *     not hold, and after each (re)connection
     * @param held whether this replica holds the job with that id already (stored or adopted it): its own jobs'
     *     notifications wake no one
     */
    public JobNotifications(PgListener.Connector connector, Runnable wake, LongPredicate held) {
        this.listener = new PgListener(JpaJobStore.JOBS_CHANNEL, "the poll adopts stored jobs meanwhile", connector,
                WAIT_MILLIS, texts -> {
                    if (anyForeign(texts, held)) {
                        wake.run();
                    }
                }, wake);
    }

    /** @return whether it listens now (connected, LISTEN done) */
    public boolean isListening() {
        return listener.isListening();
    }

    /** @return whether a notification names a job this replica does not hold (or names none it can read) */
    private static boolean anyForeign(List<String> texts, LongPredicate held) {
        for (String text : texts) {
            try {
                if (!held.test(Long.parseLong(text))) {
                    return true;
                }
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    /** Stops listening and closes the connection. */
    @Override
    public void close() {
        listener.close();
    }
}
