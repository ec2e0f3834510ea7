package org.osc.server.sg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.job.TaskContext;
import org.osc.server.persistence.Database;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.ReconcileContext;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.reconcile.Result;
import org.osc.server.sg.GroupSnapshot.Binding;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reconciles a security group with everything hanging off it, in steps over one read of the group (taken by the
 * first step): the SDN port group of exactly the matching pods' ports; the group on the managers its bindings
 * reach; every binding (manager policy mapping and SDN inspection hook, or their removal); and, for a group marked
 * for deletion, its row. Whether to remove is decided by that one read, so a delete that arrives while the
 * reconcile runs is done by the next one, which the delete asks for.
 */
@Component(service = Reconciler.class)
public class SecurityGroupReconciler implements Reconciler {

    private final Database database;
    private final PortGroupSync portGroups;
    private final ManagerGroupSync managerGroups;
    private final BindingSync bindings;

    /** A reconciler calling plugins from the registry and asking the platforms for member pods. */
    @Activate
    public SecurityGroupReconciler(@Reference Database database, @Reference PluginRegistry plugins,
            @Reference PlatformRegistry platforms, @Reference PortCache ports, @Reference ReconcileQueue queue) {
        this.database = database;
        PluginAccess access = new PluginAccess(plugins);
        this.portGroups = new PortGroupSync(database, access, platforms, ports);
        this.managerGroups = new ManagerGroupSync(database, access);
        this.bindings = new BindingSync(database, access, managerGroups, new ReleasedPorts(database, queue));
    }

    @Override
    public ObjectType type() {
        return ObjectType.SECURITY_GROUP;
    }

    @Override
    public Optional<Description> describe(long id) {
        // The job lists the group's bindings, so that each shows it as its last job.
        return database.inTransaction(s -> {
            SecurityGroup sg = s.find(SecurityGroup.class, id);
            if (sg == null) {
                return Optional.empty();
            }
            return Optional.of(new Description("Reconcile security group '" + sg.getName() + "'",
                    sg.getBindings().stream().map(b -> ObjectType.SECURITY_GROUP_INTERFACE.ref(b.getId())).toList()));
        });
    }

    @Override
    public Result reconcile(long id, ReconcileContext job) throws Exception {
        GroupSnapshot read = job.value("Sync port group", context -> {
            GroupSnapshot group = database.inTransaction(s -> GroupSnapshot.load(s, id));
            return group.withPortGroupId(portGroups.run(group, context));
        });
        GroupSnapshot group = job.value("Sync manager groups",
                context -> read.withManagerGroupId(managerGroups.run(read, context)));
        job.step("Sync bindings", context -> bindings(group, context));
        if (group.deleting()) {
            job.step("Remove the group", context -> remove(id, context));
        }
        return Result.done();
    }

    /** Every binding, each on its own: one without a VNF yet must not keep the others from being applied. */
    private void bindings(GroupSnapshot group, TaskContext context) {
        List<Exception> failures = new ArrayList<>();
        for (Binding binding : group.bindings()) {
            context.addObject(ObjectType.SECURITY_GROUP_INTERFACE.ref(binding.id()));
            try {
                bindings.run(group, binding, context);
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (failures.size() == 1 && failures.get(0) instanceof RuntimeException single) {
            throw single;
        }
        if (!failures.isEmpty()) {
            IllegalStateException all = new IllegalStateException(String.join("; ", failures.stream()
                    .map(e -> e.getMessage() != null ? e.getMessage()
                            : group.label() + ": " + e.getClass().getSimpleName()).toList()));
            failures.forEach(all::addSuppressed);
            throw all;
        }
    }

    private void remove(long id, TaskContext context) {
        database.run(s -> {
            SecurityGroup sg = s.find(SecurityGroup.class, id);
            if (sg != null) {
                s.remove(sg);
                context.status("Security group '" + sg.getName() + "' removed");
            }
        });
    }
}
