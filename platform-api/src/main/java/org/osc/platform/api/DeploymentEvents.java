package org.osc.platform.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a virtualization platform reports about the VNF workloads OSC deployed, while it follows a connector's
 * cluster: one of a deployment spec's objects or VNF pods changed outside OSC's own reconcile (deleted by
 * hand, edited, a pod replaced, a pod's IP assigned). Implemented by the server, which reconciles the spec;
 * the reconciler decides, so a report may be late, repeated or about OSC's own writes.
 */
@ProviderType
public interface DeploymentEvents {

    /**
     * Called on the platform's own threads: it must return quickly.
     *
     * @param connectorId the virtualization connector the objects belong to
     * @param specId the deployment spec named by the objects' labels (it may no longer exist)
     */
    void deploymentChanged(long connectorId, long specId);

    /**
     * The platform re-read the connector's whole cluster (first sync, relist after a lost watch), and changes
     * to VNF objects since its last report may not have been reported: every deployment spec of the connector
     * must be reconciled.
     *
     * @param connectorId the virtualization connector
     */
    void resynced(long connectorId);
}
