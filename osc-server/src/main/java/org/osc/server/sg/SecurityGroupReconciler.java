package org.osc.server.sg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupInterface;
import org.osc.server.job.JobGraph;
import org.osc.server.job.TaskContext;
import org.osc.server.persistence.Database;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.sg.GroupSnapshot.Binding;
import org.osc.server.sg.GroupSnapshot.Marks;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reconciles a security group with everything hanging off it, in four steps that each read the database when
 * they run: the SDN port group of exactly the matching pods' ports; the group on the managers its bindings
 * reach; every binding (manager policy mapping and SDN inspection hook, or their removal); and, for a group
 * marked for deletion, its row. The same plan serves sync and delete, because a delete may join a sync
 * that is already queued: whether to remove is decided when the job starts to run (see
 * {@link GroupSnapshot.Marks}).
 */
@Component(service = Reconciler.class)
public class SecurityGroupReconciler implements Reconciler {

    private final Database database;
    private final PortGroupSync portGroups;
    private final ManagerGroupSync managerGroups;
    private final BindingSync bindings;
    // Handed over by the reconcile service (see Reconciler#attach): a DS reference back to it is a cycle.
    private volatile ReconcileService reconcileService;

    /** A reconciler calling plugins from the registry and asking the platforms for member pods. */
    @Activate
    public SecurityGroupReconciler(@Reference Database database, @Reference PluginRegistry plugins,
            @Reference PlatformRegistry platforms) {
        this.database = database;
        PluginAccess access = new PluginAccess(plugins);
        this.portGroups = new PortGroupSync(database, access, platforms);
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
        return ObjectType.SECURITY_GROUP;
    }

    @Override
    public JobGraph plan(long id) {
        // Read only to name the job and list the bindings it is about; the steps read again when they run.
        List<Long> bindingIds = new ArrayList<>();
        String name = database.inTransaction(s -> {
            SecurityGroup sg = s.find(SecurityGroup.class, id);
            if (sg == null) {
                return "Reconcile security group " + id;
            }
            sg.getBindings().stream().map(SecurityGroupInterface::getId).forEach(bindingIds::add);
            return "Reconcile security group '" + sg.getName() + "'";
        });
        JobGraph graph = JobGraph.named(name);
        bindingIds.forEach(b -> graph.object(ObjectType.SECURITY_GROUP_INTERFACE.ref(b)));
        AtomicReference<Marks> marks = new AtomicReference<>();
        return graph.then("Sync port group", ctx -> {
            GroupSnapshot group = load(id, null);
            marks.set(group.marks());
            portGroups.run(group, ctx);
        }).then("Sync manager groups", ctx -> managerGroups.run(load(id, marks.get()), ctx))
                .then("Sync bindings", ctx -> syncBindings(load(id, marks.get()), ctx))
                .then("Remove the group if deleted", ctx -> removeIfDeleted(id, marks.get(), ctx));
    }

    /** @return the group as it is now, with the deletion marks the job started with (its own when null) */
    private GroupSnapshot load(long id, Marks marks) {
        GroupSnapshot group = database.inTransaction(s -> GroupSnapshot.load(s, id));
        return marks == null ? group : group.as(marks);
    }

    /** Every binding, each on its own: one without a VNF yet must not keep the others from being applied. */
    private void syncBindings(GroupSnapshot group, TaskContext context) {
        List<String> failures = new ArrayList<>();
        for (Binding binding : group.bindings()) {
            context.addObject(ObjectType.SECURITY_GROUP_INTERFACE.ref(binding.id()));
            try {
                bindings.run(group, binding, context);
            } catch (Exception e) {
                failures.add(e.getMessage() != null ? e.getMessage()
                        : group.label() + ", " + binding.label() + ": " + e.getClass().getSimpleName());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failures));
        }
    }

    private void removeIfDeleted(long id, Marks marks, TaskContext context) {
        if (!marks.group()) {
            return;
        }
        database.run(s -> {
            SecurityGroup sg = s.find(SecurityGroup.class, id);
            if (sg != null) {
                s.remove(sg);
                context.status("Security group '" + sg.getName() + "' removed");
            }
        });
    }
}
