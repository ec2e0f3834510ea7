package org.osc.server.leader;

import java.util.Optional;
import java.util.OptionalLong;

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

    /**
     * The fencing token of this replica's current term of leadership, which job rows record with their runner
     * ({@code org.osc.server.job.Runner}): the lease's transitions count as this replica took the lease, which grows
     * with every change of holder, so a later leader's token is never smaller than an earlier one's.
     *
     * @return the token while this replica leads (0 for a single process); empty when it does not lead
     */
    default OptionalLong fencingToken() {
        return isLeader() ? OptionalLong.of(0) : OptionalLong.empty();
    }

    /**
     * @return whether other replicas may lead after this one (an election): false for a single process, which
     *     may take over any job whatever token its row records
     */
    default boolean fenced() {
        return true;
    }

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
