package org.osc.server.sg;

import java.util.concurrent.atomic.AtomicReference;

import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroupInterface;
import org.osc.server.job.JobGraph;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.sg.GroupSnapshot.Marks;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reconciles one binding without the rest of its group: for events about a virtual system (a VNF pod came or
 * went, so hooks may have to move) that need not look at the cluster's pods. Changes to a group's set of
 * bindings go through the group's reconcile instead, which also keeps the group on the right managers; this
 * one first does that manager step too, since removing a binding may leave a manager without any.
 */
@Component(service = Reconciler.class)
public class BindingReconciler implements Reconciler {

    private final Database database;
    private final ManagerGroupSync managerGroups;
    private final BindingSync bindings;
    // Handed over by the reconcile service (see Reconciler#attach): a DS reference back to it is a cycle.
    private volatile ReconcileService reconcileService;

    /** A reconciler calling plugins from the registry. */
    @Activate
    public BindingReconciler(@Reference Database database, @Reference PluginRegistry plugins) {
        this.database = database;
        PluginAccess access = new PluginAccess(plugins);
        this.managerGroups = new ManagerGroupSync(database, access);
        this.bindings = new BindingSync(database, access, managerGroups,
                new ReleasedPorts(database, () -> reconcileService));
    }

    /** Hooks that leave a VNF's inspection port have its spec reconciled (see {@link ReleasedPorts}). */
    @Override
    public void attach(ReconcileService service) {
        this.reconcileService = service;
    }

    @Override
    public ObjectType type() {
        return ObjectType.SECURITY_GROUP_INTERFACE;
    }

    @Override
    public JobGraph plan(long id) {
        String name = database.inTransaction(s -> {
            SecurityGroupInterface binding = s.find(SecurityGroupInterface.class, id);
            return binding == null ? "Reconcile binding " + id : "Reconcile binding '" + binding.getName()
                    + "' of security group '" + binding.getSecurityGroup().getName() + "'";
        });
        AtomicReference<Marks> marks = new AtomicReference<>();
        return JobGraph.named(name)
                .then("Sync manager groups", ctx -> {
                    GroupSnapshot group = load(id);
                    marks.set(group.marks());
                    managerGroups.run(group, ctx);
                })
                .then("Sync binding", ctx -> {
                    GroupSnapshot group = load(id).as(marks.get());
                    GroupSnapshot.Binding binding = group.binding(id)
                            .orElseThrow(() -> new IllegalStateException("Binding " + id + " no longer exists"));
                    bindings.run(group, binding, ctx);
                });
    }

    /** @return the binding's group as it is now */
    private GroupSnapshot load(long bindingId) {
        return database.inTransaction(s -> {
            SecurityGroupInterface binding = s.find(SecurityGroupInterface.class, bindingId);
            if (binding == null) {
                throw new IllegalStateException("Binding " + bindingId + " no longer exists");
            }
            return GroupSnapshot.load(s, binding.getSecurityGroup().getId());
        });
    }
}
