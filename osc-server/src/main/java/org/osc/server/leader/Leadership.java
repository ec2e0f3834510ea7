package org.osc.server.leader;

import java.util.Optional;

/**
 * Whether this replica leads. Only the leader runs the controller loops, the cluster informers and the plugin
 * calls; every replica serves the REST API. A single process on H2 always leads.
 *
 * <p>Fencing: a replica leads only while it renewed its lease within the renew deadline, measured on its own
 * monotonic clock, which is shorter than the lease, so it stops leading before another replica can take the lease.
 * Every write to a plugin or a cluster calls {@link #checkLeader()} first.
 */
public interface Leadership {

    /** @return this replica's identity in the election (the pod name, or host name and process id) */
    String identity();

    /** @return whether this replica leads now (holds the lease and renewed it within the renew deadline) */
    boolean isLeader();

    /**
     * Fencing before a plugin or cluster write.
     *
     * @throws NotLeaderException if this replica does not lead now
     */
    void checkLeader();

    /** @return the lease as this replica last read it; empty before the first read or when no one holds it */
    Optional<LeaseRecord> lease();

    /**
     * Adds a listener; if this replica leads already, the listener is told at once.
     *
     * @param listener told on the election's thread: it must return quickly
     */
    void addListener(LeadershipListener listener);

    /** Removes a listener added before. */
    void removeListener(LeadershipListener listener);
}
