package org.osc.server.job;

/**
 * Who runs a job, as its row records it: every write of a run is conditional on the row still naming the runner
 * that claimed it, so that a replica which lost the lead (paused, then resumed) cannot write over a job the new
 * leader took over ({@link JobStore#update}, {@link JobStore#claim}, {@link JobStore#endAbandoned}).
 *
 * @param identity the replica ({@code Leadership.identity()}); null when no replica runs the job (a job a follower
 *     stored for the leader, or one stored by an engine outside an election)
 * @param epoch the fencing token of the replica's term of leadership: the lease's transitions count when it started
 *     leading, which only grows from one leader to the next (0 for a job no replica runs, and for a single process)
 * @param fenced whether other replicas may run jobs of the same database: a fenced runner takes a job over only
 *     from a runner of its own epoch or an older one; an unfenced one (a single process, no election) from anyone
 */
public record Runner(String identity, long epoch, boolean fenced) {

    /** No replica: a follower, which stores jobs for the leader and runs, adopts and ends none. */
    public static final Runner NONE = new Runner(null, 0, true);

    /** An engine outside any election (tests, the benchmark): it runs, adopts and ends jobs, unfenced. */
    public static final Runner LOCAL = new Runner(null, 0, false);

    /** A single process without an election: it may take over any job, whatever replica ran it before. */
    public static Runner sole(String identity) {
        return new Runner(identity, 0, false);
    }

    /** A replica leading in the term whose fencing token is {@code epoch}. */
    public static Runner leader(String identity, long epoch) {
        return new Runner(identity, epoch, true);
    }

    /** @return whether this runner may run, adopt and end jobs (it is not {@link #NONE}) */
    public boolean runs() {
        return identity != null || !fenced;
    }

    /** @return whether this runner may take over a job whose row records a runner of this epoch */
    public boolean mayTakeOver(long storedEpoch) {
        return !fenced || storedEpoch <= epoch;
    }

    /** @return whether a job row recording this identity and epoch is this runner's */
    public boolean owns(String storedIdentity, long storedEpoch) {
        return storedEpoch == epoch && java.util.Objects.equals(storedIdentity, identity);
    }
}
