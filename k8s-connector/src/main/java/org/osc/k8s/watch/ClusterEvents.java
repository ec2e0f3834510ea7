package org.osc.k8s.watch;

import org.osc.platform.api.DeploymentEvents;
import org.osc.platform.api.Workload;
import org.osc.platform.api.WorkloadEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's event services as the informers see them: either may be absent (the bundle works without them,
 * then reports go nowhere) or replaced at any time, and a failure on the server's side must never reach
 * fabric8's event thread, which would log it and carry on anyway.
 */
final class ClusterEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);

    volatile WorkloadEvents workloads;
    volatile DeploymentEvents deployments;

    void workloadsChanged(long connectorId, Workload before, Workload after) {
        WorkloadEvents sink = workloads;
        if (sink != null) {
            try {
                sink.workloadsChanged(connectorId, before, after);
            } catch (RuntimeException e) {
                LOG.warn("Connector {}: pod change not taken: {}", connectorId, e.toString());
            }
        }
    }

    void deploymentChanged(long connectorId, long specId) {
        DeploymentEvents sink = deployments;
        if (sink != null) {
            try {
                sink.deploymentChanged(connectorId, specId);
            } catch (RuntimeException e) {
                LOG.warn("Connector {}: VNF change of spec {} not taken: {}", connectorId, specId, e.toString());
            }
        }
    }

    void workloadsResynced(long connectorId) {
        WorkloadEvents sink = workloads;
        if (sink != null) {
            try {
                sink.resynced(connectorId);
            } catch (RuntimeException e) {
                LOG.warn("Connector {}: pod resync not taken: {}", connectorId, e.toString());
            }
        }
    }

    void deploymentsResynced(long connectorId) {
        DeploymentEvents sink = deployments;
        if (sink != null) {
            try {
                sink.resynced(connectorId);
            } catch (RuntimeException e) {
                LOG.warn("Connector {}: VNF resync not taken: {}", connectorId, e.toString());
            }
        }
    }
}
