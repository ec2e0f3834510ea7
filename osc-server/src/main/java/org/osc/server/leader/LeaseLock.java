package org.osc.server.leader;

import java.time.Duration;
import java.util.Optional;

/**
 * The shared lock the leader election renews: a PostgreSQL row or a Kubernetes Lease. Implementations compare and
 * set (a lease is taken only if it is free or expired by the lock's own clock), so two replicas never both succeed.
 */
public interface LeaseLock {

    /**
     * Takes the lease for the identity if it is free, expired or already the identity's, and renews it.
     *
     * @param identity the replica asking
     * @param duration how long the lease holds after this renewal
     * @return the lease as stored afterwards: held by {@code identity} on success, by another replica otherwise
     * @throws LeaseException if the lock's store cannot be reached or refused the write for another reason
     */
    LeaseRecord acquireOrRenew(String identity, Duration duration) throws LeaseException;

    /** @return the lease as stored now, without changing it; empty when no one ever took it */
    Optional<LeaseRecord> read() throws LeaseException;

    /**
     * Gives the lease up if the identity holds it (at a clean stop), so another replica takes over without waiting
     * for it to expire.
     */
    void release(String identity) throws LeaseException;

    /** @return what the lock is, for the status and the log (e.g. "Kubernetes Lease osc/osc-leader") */
    String describe();
}
