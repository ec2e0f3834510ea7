package org.osc.server.leader.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

import org.osc.server.leader.LeaseException;
import org.osc.server.leader.LeaseLock;
import org.osc.server.leader.LeaseRecord;

/**
 * A lease lock in memory with the semantics of the real ones (compare and set by the lock's own clock), whose
 * store can be made to fail or to hang.
 */
final class FakeLock implements LeaseLock {

    private final LongSupplier nanos;
    private LeaseRecord record;
    private long renewedNanos;
    private volatile boolean failing;
    private volatile CountDownLatch hang;
    private volatile String released;

    FakeLock(LongSupplier nanos) {
        this.nanos = nanos;
    }

    @Override
    public LeaseRecord acquireOrRenew(String identity, Duration duration) throws LeaseException {
        CountDownLatch wait = hang;
        if (wait != null) {
            try {
                wait.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LeaseException("interrupted");
            }
        }
        if (failing) {
            throw new LeaseException("the store does not answer");
        }
        synchronized (this) {
            long now = nanos.getAsLong();
            boolean free = record == null || record.holder() == null
                    || now - renewedNanos > record.duration().toNanos();
            if (record != null && !record.heldBy(identity) && !free) {
                // as the real locks do: how long the other's lease still holds
                return new LeaseRecord(record.holder(), record.acquiredAt(), record.renewedAt(), record.duration(),
                        record.transitions(), record.duration().minusNanos(now - renewedNanos));
            }
            Instant at = Instant.ofEpochSecond(0, now);
            long transitions = record == null ? 0 : record.transitions() + (record.heldBy(identity) ? 0 : 1);
            Instant acquired = record != null && record.heldBy(identity) ? record.acquiredAt() : at;
            record = new LeaseRecord(identity, acquired, at, duration, transitions);
            renewedNanos = now;
            return record;
        }
    }

    @Override
    public synchronized Optional<LeaseRecord> read() {
        return Optional.ofNullable(record);
    }

    @Override
    public synchronized void release(String identity) {
        if (record != null && record.heldBy(identity)) {
            record = new LeaseRecord(null, record.acquiredAt(), record.renewedAt(), record.duration(),
                    record.transitions());
            released = identity;
        }
    }

    @Override
    public String describe() {
        return "fake lock";
    }

    void failing(boolean fail) {
        failing = fail;
    }

    /** Makes every call hang until the returned latch is counted down. */
    CountDownLatch hang() {
        CountDownLatch latch = new CountDownLatch(1);
        hang = latch;
        return latch;
    }

    void unhang() {
        CountDownLatch latch = hang;
        hang = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    String released() {
        return released;
    }

    synchronized String holder() {
        return record == null ? null : record.holder();
    }
}
