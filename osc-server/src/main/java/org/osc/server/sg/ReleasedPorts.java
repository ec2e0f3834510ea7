package org.osc.server.sg;

import java.util.List;

import org.osc.server.domain.ObjectType;
import org.osc.server.job.TaskContext;
import org.osc.server.persistence.Database;
import org.osc.server.reconcile.ReconcileQueue;

/**
 * What happens when a hook leaves an inspection port (moved to another VNF pod, or removed): a VNF instance whose
 * pod is gone is kept, with its inspection port, for as long as a hook redirects to that port (removing the port
 * first would leave traffic steered into nothing). Once the hook has left, the instance's deployment spec is
 * reconciled, which removes the port and the instance, without waiting for the next change or resync.
 *
 * <p>Only a hook that actually left a port asks, so this cannot start a cycle: the spec's reconcile then tells
 * the bound groups that a port went, and their hooks, already elsewhere, stay where they are.
 */
final class ReleasedPorts {

    private final Database database;
    private final ReconcileQueue queue;

    /**
     * @param database where instances are looked up
     * @param queue where the spec's reconcile is asked for
     */
    ReleasedPorts(Database database, ReconcileQueue queue) {
        this.database = database;
        this.queue = queue;
    }

    /** A hook no longer redirects to the port: the spec of an instance kept for it reconciles. */
    void released(String inspectionPortId, TaskContext context) {
        if (inspectionPortId == null) {
            return;
        }
        List<Long> specs = database.inTransaction(s -> s.createSelectionQuery("select distinct i.deploymentSpec.id "
                + "from DistributedApplianceInstance i where i.inspectionPortId = :port and i.markedForDeletion = true",
                Long.class).setParameter("port", inspectionPortId).getResultList());
        for (long spec : specs) {
            queue.request(ObjectType.DEPLOYMENT_SPEC, spec);
            context.status("inspection port " + inspectionPortId + " no longer hooked: deployment spec " + spec
                    + " reconciles to remove it");
        }
    }
}
