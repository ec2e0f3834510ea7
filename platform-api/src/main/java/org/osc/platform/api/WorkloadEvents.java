package org.osc.platform.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a virtualization platform reports while it follows a connector's cluster (see
 * {@link VirtualizationPlatform#watch}). Implemented by the server, which only turns these reports into
 * reconcile requests for the security groups concerned: the reconciler decides from current state, so a
 * report may be late, repeated or coalesced without harm. Platforms find it as an OSGi service and must work
 * without it.
 */
@ProviderType
public interface WorkloadEvents {

    /**
     * A pod changed in a way that may change some group's membership: it appeared or went away (deleted,
     * being deleted, or finished), or its namespace, labels, IPs or uid changed. Changes to anything else
     * (status only) are not reported. Called on the platform's own threads: it must return quickly.
     *
     * @param connectorId the virtualization connector the pod belongs to
     * @param before the pod as a member candidate before the change, null when it was not one (added)
     * @param after the pod as a member candidate after the change, null when it no longer is one (deleted)
     */
    void workloadsChanged(long connectorId, Workload before, Workload after);

    /**
     * The platform re-read the connector's whole cluster (first sync, relist after a lost or expired watch,
     * changed connection settings), and individual changes since its last report may not have been reported:
     * every group of the connector must be reconciled.
     *
     * @param connectorId the virtualization connector
     */
    void resynced(long connectorId);
}
