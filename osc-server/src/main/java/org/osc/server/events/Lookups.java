package org.osc.server.events;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.osc.server.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread of its own for the database lookups an event needs before it can ask for reconciles, so that the
 * thread that delivers the event (the framework's, a plugin's) never waits for the database. A lookup that fails
 * is logged and dropped: the periodic resync reconciles what it would have asked for.
 */
final class Lookups implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lookups.class);

    private final ExecutorService executor;

    Lookups(String threadName) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs the lookup later, in order with the others.
     *
     * @param what what the lookup is for, for the log line when it fails
     */
    void run(String what, Runnable lookup) {
        try {
            executor.execute(() -> {
                try {
                    lookup.run();
                } catch (RuntimeException e) {
                    LOG.warn("{} not routed: {}", what, LogSafe.of(e.getMessage()));
                }
            });
        } catch (RejectedExecutionException closed) {
            // closed: the server is stopping, and its next start reconciles everything
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
