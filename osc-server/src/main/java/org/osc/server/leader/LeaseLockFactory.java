package org.osc.server.leader;

/**
 * An OSGi service that opens a kind of {@link LeaseLock} another bundle provides (the Kubernetes Lease lock lives
 * with the fabric8 client, outside the core bundle). The core chooses the kind from its settings.
 */
public interface LeaseLockFactory {

    /** @return the kind this factory opens, as the election setting names it (e.g. "kubernetes") */
    String kind();

    /**
     * Opens a lock.
     *
     * @param settings where the lock lives
     * @throws LeaseException if it cannot be opened (no cluster configuration, unreadable token...)
     */
    LeaseLock open(LeaseSettings settings) throws LeaseException;
}
