package org.osc.server.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osc.server.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves audit records from request threads to the store without making a request wait for the database: a
 * bounded queue that {@link #offer} adds to (never blocking), drained by one writer thread in batches of up to
 * {@code batchSize} records, each batch one transaction; after the first record of a batch the writer waits up to
 * the linger for more, so that a steady trickle of writes (a REST load) costs one transaction per linger rather
 * than one per request. A batch the store refuses (the database is away) is
 * kept and written again after a pause that doubles from {@code retryDelay} to {@link #MAX_RETRY_DELAY}, as long
 * as it takes: nothing is lost while the queue has room. When the queue is full a record is dropped, counted
 * ({@link #dropped()}, the metric {@code osc_audit_records_dropped_total}) and reported in a WARN line (at most
 * one every {@link #WARN_EVERY}); the audit log file still has it.
 */
public final class AuditWriter implements AutoCloseable {

    /** The longest pause between two attempts to write a refused batch. */
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);
    /** The least time between two WARN lines about dropped records. */
    static final Duration WARN_EVERY = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

    private final AuditStore store;
    private final BlockingQueue<AuditRecord> queue;
    private final int batchSize;
    private final Duration linger;
    private final Duration retryDelay;
    private final Runnable onDrop;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_EVERY.toNanos());
    /** The batch being written, while it is (read by {@link #pending()}). */
    private volatile int inFlight;
    private volatile boolean closing;
    private volatile boolean storeDown;

    /**
     * Starts the writer thread.
     *
     * @param capacity how many records may wait
     * @param batchSize the most records written in one transaction
     * @param linger how long the writer waits for more records after the first before it writes a batch
     * @param retryDelay the first pause after a refused batch
     * @param onDrop called for each dropped record (the metric)
     */
    public AuditWriter(AuditStore store, int capacity, int batchSize, Duration linger, Duration retryDelay,
            Runnable onDrop) {
        if (capacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("capacity and batch size must be 1 or more");
        }
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.linger = linger;
        this.retryDelay = retryDelay;
        this.onDrop = onDrop;
        this.thread = new Thread(this::work, "osc-audit-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a record for the store; never blocks.
     *
     * @return whether it was queued (false: the queue was full or the writer closed, and the record is dropped)
     */
    public boolean offer(AuditRecord record) {
        if (!closing && queue.offer(record)) {
            return true;
        }
        long count = dropped.incrementAndGet();
        onDrop.run();
        long now = System.nanoTime();
        long last = lastWarn.get();
        if (now - last >= WARN_EVERY.toNanos() && lastWarn.compareAndSet(last, now)) {
            LOG.warn("Audit record dropped ({} so far): {}; it is in the audit log file only (request {})", count,
                    closing ? "the audit writer is stopped" : "the queue of "
                            + (queue.size() + queue.remainingCapacity()) + " records waiting for the database is full",
                    LogSafe.of(record.requestId()));
        }
        return false;
    }

    /** @return how many records were dropped since start */
    public long dropped() {
        return dropped.get();
    }

    /** @return how many records were stored since start */
    public long written() {
        return written.get();
    }

    /** @return how many records wait to be stored (queued and in the batch being written) */
    public int pending() {
        return queue.size() + inFlight;
    }

    /** @return how many records wait in the queue (not counting the batch being written) */
    int queued() {
        return queue.size();
    }

    /** @return whether the last attempt to store a batch failed */
    public boolean storeDown() {
        return storeDown;
    }

    /**
     * Waits until every record queued before this call is stored, or the time is over.
     *
     * @return whether nothing was left waiting
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Stops taking records, gives the writer up to the grace to store what waits, then stops it; what is left is
     * reported (the audit log file has it).
     */
    public void close(Duration grace) {
        closing = true;
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int left = pending();
        if (left > 0) {
            LOG.warn("{} audit record(s) not stored in the database at shutdown (the store did not answer); "
                    + "they are in the audit log file", left);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Waits up to the linger for more records, so that a trickle of writes costs a transaction per linger. */
    private void linger(List<AuditRecord> batch) throws InterruptedException {
        long end = System.nanoTime() + linger.toNanos();
        while (batch.size() < batchSize && !closing) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            AuditRecord next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, batchSize - batch.size());
            inFlight = batch.size();
        }
    }

    private void work() {
        List<AuditRecord> batch = new ArrayList<>(batchSize);
        Duration pause = retryDelay;
        while (true) {
            try {
                if (batch.isEmpty()) {
                    AuditRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                    inFlight = batch.size();
                    linger(batch);
                }
                try {
                    store.insert(batch);
                    written.addAndGet(batch.size());
                    if (storeDown) {
                        LOG.info("Audit records are stored again");
                    }
                    storeDown = false;
                    pause = retryDelay;
                    batch.clear();
                    inFlight = 0;
                } catch (RuntimeException e) {
                    if (!storeDown) {
                        LOG.warn("Audit records cannot be stored ({}); retrying, {} waiting",
                                LogSafe.of(e.getMessage()), pending());
                    }
                    storeDown = true;
                    Thread.sleep(pause.toMillis());
                    pause = pause.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY
                            : pause.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
