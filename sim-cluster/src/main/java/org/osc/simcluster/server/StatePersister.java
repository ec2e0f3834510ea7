package org.osc.simcluster.server;

import org.osc.simcluster.server.StateFile.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Saves the store some time after it changes, and once more at shutdown. Changes that come while a save is
 * pending ride along with it, so a burst of writes costs one save. The delay grows with the time a save takes
 * (four times the last one), so that at ten thousand pods persistence stays a small part of one core instead of
 * competing with the API server it backs up.
 */
final class StatePersister implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatePersister.class);

    private final Path file;
    private final Supplier<Snapshot> source;
    private final long minDelayMillis;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-state-persister");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastSaveMillis;

    StatePersister(Path file, Supplier<Snapshot> source, Duration minDelay) {
        this.file = file;
        this.source = source;
        this.minDelayMillis = minDelay.toMillis();
    }

    /** Notes a change; returns at once. */
    void changed() {
        if (pending.compareAndSet(false, true)) {
            long delay = Math.max(minDelayMillis, 4 * lastSaveMillis);
            try {
                executor.schedule(this::saveQuietly, delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // close() makes the final save itself
            }
        }
    }

    /** Stops the timer and writes the store one last time, on the caller's thread. */
    @Override
    public void close() throws IOException {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save();
    }

    private void saveQuietly() {
        try {
            save();
        } catch (IOException | RuntimeException e) {
            LOG.error("could not save state to {}", file, e);
        }
    }

    private void save() throws IOException {
        // cleared before the snapshot: a change made while we write schedules the next save
        pending.set(false);
        long start = System.nanoTime();
        Snapshot snapshot = source.get();
        StateFile.write(file, snapshot);
        lastSaveMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        LOG.debug("saved {} objects to {} in {} ms", snapshot.objects().size(), file, lastSaveMillis);
    }
}
