package org.osc.server.sg;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerSecurityGroupApi;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupMemberElement;
import org.osc.api.manager.element.SecurityGroupSpec;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.job.TaskContext;
import org.osc.server.persistence.Database;
import org.osc.server.sg.GroupSnapshot.Binding;
import org.osc.server.sg.GroupSnapshot.Manager;
import org.osc.server.sg.ProtectedPodStore.ProtectedPod;

/**
 * Keeps a security group on the managers that need it. A manager needs a group when a live binding of the
 * group reaches one of its distributed appliances: the manager maps policies to groups, so an unbound group
 * means nothing to it, and a group bound to appliances of two managers exists on both. A manager that a
 * binding being removed still reaches, but no live binding does, loses the group (and, with it, the
 * mappings that referenced it). Managers whose plugin does not sync security groups are left alone.
 *
 * <p>The group is found on a manager by its OSC id ({@code oscSecurityGroupId}), so a lost or stale
 * {@code managerGroupId} never creates a duplicate. {@code managerGroupId} records the id on the manager of
 * the lowest manager connector id, for display and as a shortcut.
 */
final class ManagerGroupSync {

    private final Database database;
    private final PluginAccess plugins;

    ManagerGroupSync(Database database, PluginAccess plugins) {
        this.database = database;
        this.plugins = plugins;
    }

    /**
     * Runs the step for the group: creates, updates or deletes it on each manager its bindings reach.
     *
     * @return the group's manager group id now
     */
    String run(GroupSnapshot group, TaskContext context) {
        long groupId = group.id();
        Map<Long, Manager> reached = new TreeMap<>();
        Set<Long> wanted = new HashSet<>();
        for (Binding binding : group.bindings()) {
            reached.put(binding.manager().id(), binding.manager());
            if (!group.deleting() && !binding.deleting()) {
                wanted.add(binding.manager().id());
            }
        }
        if (reached.isEmpty() && group.managerGroupId() == null) {
            return null; // unbound and on no manager: nothing to read, call or record
        }
        List<SecurityGroupMemberElement> members = reached.isEmpty() ? List.of() : members(groupId);
        String recorded = null;
        for (Manager manager : reached.values()) {
            Optional<String> id;
            try {
                id = sync(group, manager, wanted.contains(manager.id()), members);
            } catch (ManagerException e) {
                throw plugins.managerFailure(group.label(), manager, e);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(group.label() + ": " + e.getMessage(), e);
            }
            if (recorded == null && id.isPresent()) {
                recorded = id.get();
            }
            context.status(group.label() + (wanted.contains(manager.id()) ? " kept on" : " removed from")
                    + " manager '" + manager.name() + "'");
        }
        String managerGroupId = recorded;
        if (Objects.equals(group.managerGroupId(), managerGroupId)) {
            return managerGroupId;
        }
        database.run(s -> {
            SecurityGroup sg = s.find(SecurityGroup.class, groupId);
            if (sg != null && !Objects.equals(sg.getManagerGroupId(), managerGroupId)) {
                sg.setManagerGroupId(managerGroupId);
            }
        });
        return managerGroupId;
    }

    /**
     * Makes the group present on one manager with the group's current members: the binding step's way to
     * get the manager-side group id its mapping references.
     *
     * @return the group's id on the manager, empty when the manager's plugin does not sync groups
     * @throws ManagerException as the plugin reports it, for the caller to name the object
     */
    Optional<String> ensure(GroupSnapshot group, Manager manager) throws ManagerException {
        return sync(group, manager, true, members(group.id()));
    }

    /** @return the OSC id a manager knows a group by */
    static String oscId(long groupId) {
        return Long.toString(groupId);
    }

    private Optional<String> sync(GroupSnapshot group, Manager manager, boolean wanted,
            List<SecurityGroupMemberElement> members) throws ManagerException {
        ApplianceManagerApi api = plugins.manager("Manager connector '" + manager.name() + "'",
                manager.managerType());
        if (!plugins.can(manager.managerType(), PluginAccess.SYNC_GROUP)) {
            return Optional.empty();
        }
        try (ManagerSecurityGroupApi groups = api.createSecurityGroupApi(manager.element())) {
            Optional<SecurityGroupElement> existing = find(groups, group.managerGroupId(), oscId(group.id()));
            if (!wanted) {
                if (existing.isPresent()) {
                    groups.deleteSecurityGroup(existing.get().id());
                }
                return Optional.empty();
            }
            SecurityGroupSpec spec = new SecurityGroupSpec(group.name(), oscId(group.id()), members);
            if (existing.isEmpty()) {
                return Optional.of(groups.createSecurityGroup(spec).id());
            }
            if (!same(existing.get(), spec)) {
                groups.updateSecurityGroup(existing.get().id(), spec);
            }
            return Optional.of(existing.get().id());
        }
    }

    /** Finds the group by the recorded id when it still is this group's, else by OSC id among all groups. */
    private static Optional<SecurityGroupElement> find(ManagerSecurityGroupApi groups, String knownId, String oscId)
            throws ManagerException {
        if (knownId != null) {
            Optional<SecurityGroupElement> known = groups.getSecurityGroup(knownId);
            if (known.isPresent() && oscId.equals(known.get().oscSecurityGroupId())) {
                return known;
            }
        }
        return groups.listSecurityGroups().stream().filter(g -> oscId.equals(g.oscSecurityGroupId())).findFirst();
    }

    /** Member order is not meaningful, so compare as sets. */
    private static boolean same(SecurityGroupElement existing, SecurityGroupSpec wanted) {
        return existing.name().equals(wanted.name())
                && new HashSet<>(existing.members()).equals(new HashSet<>(wanted.members()));
    }

    /** The pods the last port group step put in the port group: the ones traffic is steered for. */
    private List<SecurityGroupMemberElement> members(long groupId) {
        List<ProtectedPod> pods = database.inTransaction(s -> ProtectedPodStore.read(s, groupId));
        return pods.stream().filter(p -> p.portId() != null)
                .map(p -> new SecurityGroupMemberElement(p.name(), p.namespace(), p.ipAddresses(),
                        p.macAddress() == null ? List.of() : List.of(p.macAddress())))
                .toList();
    }
}
