package org.osc.server.da;

import java.util.ArrayList;
import java.util.Optional;

import org.hibernate.Session;
import org.osc.server.domain.DistributedAppliance;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.job.TaskContext;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.NotReadyException;
import org.osc.server.reconcile.ReconcileContext;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.reconcile.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reconciles a distributed appliance: one manager device per virtual system (created, updated, recreated
 * when deleted on the manager), then the rows of what is being deleted (left-out virtual systems, or the
 * whole appliance) once their devices are gone.
 */
@Component(service = Reconciler.class)
public class DistributedApplianceReconciler implements Reconciler {

    private final Database database;
    private final DeviceSync devices;

    /** A reconciler reading appliances from the database and calling their manager plugins. */
    @Activate
    public DistributedApplianceReconciler(@Reference Database database, @Reference PluginRegistry plugins) {
        this.database = database;
        this.devices = new DeviceSync(database, plugins);
    }

    @Override
    public ObjectType type() {
        return ObjectType.DISTRIBUTED_APPLIANCE;
    }

    @Override
    public Optional<Description> describe(long id) {
        return database.inTransaction(s -> Optional.ofNullable(s.find(DistributedAppliance.class, id))
                .map(da -> new Description((da.isMarkedForDeletion() ? "Delete" : "Sync") + " distributed appliance '"
                        + da.getName() + "'")));
    }

    @Override
    public Result reconcile(long id, ReconcileContext job) throws Exception {
        // Each step reads what it needs when it runs (the job's name says which appliance).
        job.step("Sync manager devices", ctx -> devices.run(id, ctx));
        job.step("Remove deleted rows", ctx -> database.run(s -> removeRows(s, id, ctx)));
        return Result.done();
    }

    /** Removes the virtual systems (and the appliance) being deleted, whose devices the previous task removed. */
    private static void removeRows(Session session, long id, TaskContext ctx) {
        DistributedAppliance da = session.find(DistributedAppliance.class, id);
        if (da == null) {
            return;
        }
        int removed = 0;
        for (VirtualSystem vs : new ArrayList<>(da.getVirtualSystems())) {
            if (da.isMarkedForDeletion() || vs.isMarkedForDeletion()) {
                requireUnused(session, vs, da);
                da.getVirtualSystems().remove(vs);
                removed++;
            }
        }
        if (da.isMarkedForDeletion()) {
            session.flush();
            session.remove(da);
            ctx.status("Removed distributed appliance '" + da.getName() + "'");
        } else if (removed > 0) {
            ctx.status("Removed " + removed + " virtual system(s) of '" + da.getName() + "'");
        }
        ctx.addObject(ObjectType.DISTRIBUTED_APPLIANCE.ref(id));
    }

    /** A spec or binding made after the delete was accepted blocks the row: say so, rather than fail on a key. */
    private static void requireUnused(Session session, VirtualSystem vs, DistributedAppliance da) {
        long specs = session.createSelectionQuery("select count(d) from DeploymentSpec d where d.virtualSystem = :vs",
                Long.class).setParameter("vs", vs).getSingleResult();
        long bindings = session.createSelectionQuery(
                "select count(b) from SecurityGroupInterface b where b.virtualSystem = :vs", Long.class)
                .setParameter("vs", vs).getSingleResult();
        if (specs + bindings > 0) {
            throw new NotReadyException("Distributed appliance '" + da.getName() + "': virtual system "
                    + vs.getId() + " still has " + specs + " deployment spec(s) and " + bindings
                    + " binding(s); it is removed once they are deleted");
        }
    }
}
