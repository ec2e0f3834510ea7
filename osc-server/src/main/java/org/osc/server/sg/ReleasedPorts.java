package org.osc.server.sg;

import java.util.List;
import java.util.function.Supplier;

import org.osc.server.domain.ObjectType;
import org.osc.server.job.TaskContext;
import org.osc.server.persistence.Database;
import org.osc.server.reconcile.ReconcileService;

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
    private final Supplier<ReconcileService> reconcile;

    /**
     * @param database where instances are looked up
     * @param reconcile the reconcile service, null until it took the reconciler on (then nothing is asked)
     */
    ReleasedPorts(Database database, Supplier<ReconcileService> reconcile) {
        this.database = database;
        this.reconcile = reconcile;
    }

    /** A hook no longer redirects to the port: the spec of an instance kept for it reconciles. */
    void released(String inspectionPortId, TaskContext context) {
        if (inspectionPortId == null) {
            return;
        }
        List<Long> specs = database.inTransaction(s -> s.createSelectionQuery("select distinct i.deploymentSpec.id "
                + "from DistributedApplianceInstance i where i.inspectionPortId = :port and i.markedForDeletion = true",
                Long.class).setParameter("port", inspectionPortId).getResultList());
        ReconcileService service = reconcile.get();
        if (specs.isEmpty() || service == null) {
            return;
        }
        for (long spec : specs) {
            try {
                long job = service.reconcile(ObjectType.DEPLOYMENT_SPEC, spec);
                context.status("inspection port " + inspectionPortId + " no longer hooked: deployment spec " + spec
                        + " reconciles to remove it (job " + job + ")");
            } catch (RuntimeException e) {
                // The hook has moved, which is this job's work; the port goes with the spec's next reconcile.
                context.status("inspection port " + inspectionPortId + " no longer hooked, but deployment spec "
                        + spec + " could not be reconciled now: " + e.getMessage());
            }
        }
    }
}
