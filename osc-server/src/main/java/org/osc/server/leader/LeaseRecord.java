package org.osc.server.leader;

import java.time.Duration;
import java.time.Instant;

/**
 * A lease as stored in its lock.
 *
 * @param holder the identity of the replica holding it
 * @param acquiredAt when the holder took it
 * @param renewedAt when the holder last renewed it (by the lock's clock: the database's or the API server's)
 * @param duration how long it holds after a renewal
 * @param transitions how many times it changed hands
 * @param remaining how long it still held when the lock read it (zero: expired or free), by the lock's own measure
 *     (the database's clock, or how long the observer has seen it unchanged); null when the lock cannot tell. A
 *     replica waiting to lead tries again when it runs out rather than up to a retry period later.
 */
public record LeaseRecord(String holder, Instant acquiredAt, Instant renewedAt, Duration duration, long transitions,
        Duration remaining) {

    /** A lease whose remaining time the lock cannot tell. */
    public LeaseRecord(String holder, Instant acquiredAt, Instant renewedAt, Duration duration, long transitions) {
        this(holder, acquiredAt, renewedAt, duration, transitions, null);
    }

    /** @return whether the given identity holds it */
    public boolean heldBy(String identity) {
        return holder != null && holder.equals(identity);
    }
}
