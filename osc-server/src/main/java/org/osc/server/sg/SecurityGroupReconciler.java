package org.osc.server.sg;

import java.util.ArrayList;
import java.util.List;

import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupInterface;
import org.osc.server.job.JobGraph;
import org.osc.server.job.TaskContext;
import org.osc.server.persistence.Database;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.sg.GroupSnapshot.Binding;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reconciles a security group with everything hanging off it, in four steps over one read of the group (taken
 * by the first step, when the job runs): the SDN port group of exactly the matching pods' ports; the group on
 * the managers its bindings reach; every binding (manager policy mapping and SDN inspection hook, or their
 * removal); and, for a group marked for deletion, its row. Whether to remove is decided by that one read, so a
 * delete that arrives while the job runs is done by the next run, which the delete asks for.
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
    public JobGraph plan(long id) {
        // Only to name the job and list the bindings it is about; the first step reads the group for the job.
        List<Long> bindingIds = new ArrayList<>();
        String name = database.inTransaction(s -> {
            SecurityGroup sg = s.find(SecurityGroup.class, id);
            if (sg == null) {
                return null;
            }
            sg.getBindings().stream().map(SecurityGroupInterface::getId).forEach(bindingIds::add);
            return "Reconcile security group '" + sg.getName() + "'";
        });
        if (name == null) {
            return null;
        }
        JobGraph graph = JobGraph.named(name);
        bindingIds.forEach(b -> graph.object(ObjectType.SECURITY_GROUP_INTERFACE.ref(b)));
        Run run = new Run(id);
        return graph.then("Sync port group", run::portGroup)
                .then("Sync manager groups", run::managerGroups)
                .then("Sync bindings", run::bindings)
                .then("Remove the group if deleted", run::removeIfDeleted);
    }

    /** One job's reconcile: the group as its first step read it, updated with what each step registered. */
    private final class Run {

        private final long id;
        private GroupSnapshot group;

        Run(long id) {
            this.id = id;
        }

        void portGroup(TaskContext context) throws Exception {
            group = database.inTransaction(s -> GroupSnapshot.load(s, id));
            group = group.withPortGroupId(portGroups.run(group, context));
        }

        void managerGroups(TaskContext context) {
            group = group.withManagerGroupId(managerGroups.run(group, context));
        }

        /** Every binding, each on its own: one without a VNF yet must not keep the others from being applied. */
        void bindings(TaskContext context) {
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

        void removeIfDeleted(TaskContext context) {
            if (!group.deleting()) {
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
}
