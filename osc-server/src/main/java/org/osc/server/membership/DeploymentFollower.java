package org.osc.server.membership;

import org.osc.platform.api.DeploymentEvents;
import org.osc.server.domain.ObjectType;
import org.osc.server.log.LogSafe;
import org.osc.server.persistence.Database;
import org.osc.server.reconcile.ReconcileQueue;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a deployment spec when the platform reports that its VNF objects changed in the cluster (a
 * Deployment deleted or edited by hand, a VNF pod replaced or given its IP), so that OSC repairs the Deployment
 * and re-registers the instances without a REST call. The cluster may hold objects labelled for a spec OSC
 * already removed: its reconcile finds no spec and does nothing.
 */
@Component(service = DeploymentEvents.class)
public class DeploymentFollower implements DeploymentEvents {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentFollower.class);

    private final Database database;
    private final ReconcileQueue queue;

    /**
     * @param database where the specs are
     * @param queue where reconcile requests go
     */
    @Activate
    public DeploymentFollower(@Reference Database database, @Reference ReconcileQueue queue) {
        this.database = database;
        this.queue = queue;
    }

    @Override
    public void deploymentChanged(long connectorId, long specId) {
        // In memory only: a spec that no longer exists (or was another OSC's) is skipped by its reconcile.
        queue.request(ObjectType.DEPLOYMENT_SPEC, specId);
    }

    @Override
    public void resynced(long connectorId) {
        try {
            database.inTransaction(s -> s.createSelectionQuery("select d.id from DeploymentSpec d "
                    + "where d.virtualSystem.virtualizationConnector.id = :vc order by d.id", Long.class)
                    .setParameter("vc", connectorId).getResultList())
                    .forEach(id -> queue.request(ObjectType.DEPLOYMENT_SPEC, id));
        } catch (RuntimeException e) {
            LOG.warn("Resync of the deployment specs of connector {} not routed: {}", connectorId,
                    LogSafe.of(e.getMessage()));
        }
    }
}
