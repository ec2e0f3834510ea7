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
 */
public record LeaseRecord(String holder, Instant acquiredAt, Instant renewedAt, Duration duration, long transitions) {

    /** @return whether the given identity holds it */
    public boolean heldBy(String identity) {
        return holder != null && holder.equals(identity);
    }
}
