package org.osc.server.leader;

/**
 * Thrown by {@link Leadership#checkLeader()} when this replica does not lead: a write to a plugin or a cluster was
 * about to be made by a replica that lost (or never had) the lease. The reconcile stops without writing; the leader
 * reconciles the object.
 */
public class NotLeaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param identity this replica
     * @param leader the holder last seen, or null
     */
    public NotLeaderException(String identity, String leader) {
        super("replica " + identity + " does not lead" + (leader == null ? "" : " (" + leader + " does)"));
    }
}
