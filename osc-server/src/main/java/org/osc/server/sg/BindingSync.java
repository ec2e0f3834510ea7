package org.osc.server.sg;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerSecurityGroupInterfaceApi;
import org.osc.api.manager.element.SecurityGroupInterfaceElement;
import org.osc.api.manager.element.SecurityGroupInterfaceSpec;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.server.domain.SecurityGroupInterface;
import org.osc.server.job.TaskContext;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.SdnFailures;
import org.osc.server.reconcile.NotReadyException;
import org.osc.server.reconcile.TerminalException;
import org.osc.server.sg.GroupSnapshot.Binding;

/**
 * Brings one binding's external state in line: the policy mapping on the manager of the bound appliance
 * (group x device x policies, tag, order) and the SDN inspection hook from the group's port group to an
 * inspection port of the virtual system's VNF pods (order, failure policy, tag). A binding being deleted
 * (as is every binding of a group being deleted) loses both, then its row.
 *
 * <p>Which VNF inspects a group: {@link HookTarget} (a ready one; with none ready, the failure policy applies).
 * Tag: the binding id folded into the encapsulation's range (stable, and distinct
 * per binding up to that range), so that the manager and the controller agree on it without a table.
 */
final class BindingSync {

    /** The shortest retry of a binding whose virtual system has no VNF with an inspection port yet. */
    static final Duration VNF_WAIT = Duration.ofSeconds(2);

    private final Database database;
    private final PluginAccess plugins;
    private final ManagerGroupSync managerGroups;
    private final ReleasedPorts released;

    BindingSync(Database database, PluginAccess plugins, ManagerGroupSync managerGroups, ReleasedPorts released) {
        this.database = database;
        this.plugins = plugins;
        this.managerGroups = managerGroups;
        this.released = released;
    }

    /** Applies or removes the binding; the failure message names the group, the binding and the cause. */
    void run(GroupSnapshot group, Binding binding, TaskContext context) throws Exception {
        String who = group.label() + ", " + binding.label();
        try {
            if (group.deleting() || binding.deleting()) {
                removeHook(group, binding, context);
                removeMapping(group, binding);
                deleteRow(binding.id());
                context.status(who + " removed");
                return;
            }
            TagEncapsulation encapsulation = plugins.encapsulation(group.vc().controllerType(),
                    binding.encapsulationType());
            long tag = tag(encapsulation, binding.id());
            String mappingId = applyMapping(group, binding, tag);
            String hookId = applyHook(group, binding, encapsulation, tag, context);
            record(binding.id(), mappingId, hookId);
            if (hookId == null) {
                // Its deployment spec asks for this group's reconcile as soon as an inspection port appears: the
                // retry is a backstop, and quick ones during a VNF pod's replacement would only add failed jobs.
                throw new NotReadyException("Virtual system " + binding.virtualSystemId()
                        + " has no VNF instance with an inspection port yet", VNF_WAIT);
            }
        } catch (SdnException e) {
            throw SdnFailures.of(who, group.vc().controllerType(),
                    plugins.sdn(group.connectorLabel(), group.vc().controllerType()), group.vc().element(), e);
        } catch (ManagerException e) {
            throw plugins.managerFailure(who, binding.manager(), e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(who + ": " + e.getMessage(), e);
        }
    }

    /** @return the tag of a binding's hook and mapping: 0 without encapsulation, else 1..max */
    static long tag(TagEncapsulation encapsulation, long bindingId) {
        return encapsulation.maxTag() == 0 ? 0 : 1 + Math.floorMod(bindingId - 1, encapsulation.maxTag());
    }

    /** @return the OSC id a manager knows a binding by */
    static String oscId(long bindingId) {
        return Long.toString(bindingId);
    }

    private String applyMapping(GroupSnapshot group, Binding binding, long tag) throws ManagerException {
        String type = binding.manager().managerType();
        ApplianceManagerApi api = plugins.manager("Manager connector '" + binding.manager().name() + "'", type);
        if (!plugins.can(type, PluginAccess.SYNC_MAPPING) || !plugins.can(type, PluginAccess.SYNC_GROUP)) {
            return null;
        }
        if (binding.managerDeviceId() == null) {
            throw new IllegalStateException("Virtual system " + binding.virtualSystemId()
                    + " has no device on manager '" + binding.manager().name() + "' yet");
        }
        String groupId = managerGroups.ensure(group, binding.manager()).orElseThrow();
        SecurityGroupInterfaceSpec spec = new SecurityGroupInterfaceSpec(binding.name(), oscId(binding.id()),
                groupId, binding.managerDeviceId(), Set.copyOf(binding.policyIds()), Long.toString(tag),
                binding.order());
        try (ManagerSecurityGroupInterfaceApi mappings =
                api.createSecurityGroupInterfaceApi(binding.manager().element())) {
            Optional<SecurityGroupInterfaceElement> existing = findMapping(mappings, binding);
            if (existing.isEmpty()) {
                return mappings.createSecurityGroupInterface(spec).id();
            }
            if (!existing.get().toSpec().equals(spec)) {
                mappings.updateSecurityGroupInterface(existing.get().id(), spec);
            }
            return existing.get().id();
        }
    }

    private String applyHook(GroupSnapshot group, Binding binding, TagEncapsulation encapsulation, long tag,
            TaskContext context) throws SdnException {
        String controller = group.vc().controllerType();
        if (group.portGroupId() == null) {
            throw new NotReadyException("the security group has no port group yet");
        }
        FailurePolicy failurePolicy = FailurePolicy.valueOf(binding.failurePolicy());
        if (failurePolicy != FailurePolicy.NA && !plugins.can(controller, PluginAccess.FAILURE_POLICY)) {
            throw new TerminalException("SDN plugin '" + controller + "' does not support failure policies, "
                    + "and the binding asks for " + failurePolicy);
        }
        InspectedElement inspected = InspectedElement.portGroup(group.portGroupId());
        try (RedirectionSession session = session(group)) {
            Optional<InspectionHook> current = binding.inspectionHookId() == null ? Optional.empty()
                    : session.getInspectionHook(binding.inspectionHookId())
                            .filter(h -> h.inspected().equals(inspected));
            if (current.isEmpty()) {
                // The id may not have been recorded (a crash after the install): the pair finds the hook.
                current = find(session, inspected, binding.ports().all());
            }
            Optional<String> target = HookTarget.pick(group.id(), binding.ports(),
                    current.map(InspectionHook::inspectionPortId).orElse(null),
                    plugins.can(controller, PluginAccess.FAILURE_POLICY), failurePolicy == FailurePolicy.FAIL_CLOSE);
            if (target.isEmpty()) {
                // No VNF left: the hook goes first, so that the last inspection port can be removed.
                if (current.isPresent()) {
                    removeHook(session, current.get().id(), context);
                }
                return null;
            }
            InspectionHookSpec spec = new InspectionHookSpec(inspected, target.get(), tag, encapsulation,
                    binding.order(), failurePolicy);
            if (current.isEmpty()) {
                return session.installInspectionHook(spec).id();
            }
            if (!current.get().toSpec().equals(spec)) {
                // Also moves the hook to another VNF when its previous one went away.
                String updated = session.updateInspectionHook(current.get().id(), spec).id();
                if (!current.get().inspectionPortId().equals(spec.inspectionPortId())) {
                    released.released(current.get().inspectionPortId(), context);
                }
                return updated;
            }
            return current.get().id();
        }
    }

    /** @return the hook that redirects the element to one of the ports, if any */
    private static Optional<InspectionHook> find(RedirectionSession session, InspectedElement inspected,
            List<String> ports) throws SdnException {
        for (String port : ports) {
            Optional<InspectionHook> hook = session.findInspectionHook(inspected, port);
            if (hook.isPresent()) {
                return hook;
            }
        }
        return Optional.empty();
    }

    private void removeHook(GroupSnapshot group, Binding binding, TaskContext context) throws SdnException {
        try (RedirectionSession session = session(group)) {
            if (binding.inspectionHookId() != null) {
                removeHook(session, binding.inspectionHookId(), context);
            }
            if (group.portGroupId() != null) {
                // Hooks whose id was never recorded are found by the pair they redirect.
                InspectedElement inspected = InspectedElement.portGroup(group.portGroupId());
                for (String port : binding.ports().all()) {
                    Optional<InspectionHook> hook = session.findInspectionHook(inspected, port);
                    if (hook.isPresent()) {
                        removeHook(session, hook.get().id(), context);
                    }
                }
            }
        }
    }

    /** Removes a hook and tells {@link ReleasedPorts} of the port it redirected to. */
    private void removeHook(RedirectionSession session, String hookId, TaskContext context) throws SdnException {
        Optional<String> port = session.getInspectionHook(hookId).map(InspectionHook::inspectionPortId);
        session.removeInspectionHook(hookId);
        port.ifPresent(p -> released.released(p, context));
    }

    private void removeMapping(GroupSnapshot group, Binding binding) throws ManagerException {
        String type = binding.manager().managerType();
        ApplianceManagerApi api = plugins.manager("Manager connector '" + binding.manager().name() + "'", type);
        if (!plugins.can(type, PluginAccess.SYNC_MAPPING)) {
            return;
        }
        try (ManagerSecurityGroupInterfaceApi mappings =
                api.createSecurityGroupInterfaceApi(binding.manager().element())) {
            Optional<SecurityGroupInterfaceElement> existing = findMapping(mappings, binding);
            if (existing.isPresent()) {
                mappings.deleteSecurityGroupInterface(existing.get().id());
            }
        }
    }

    private static Optional<SecurityGroupInterfaceElement> findMapping(ManagerSecurityGroupInterfaceApi mappings,
            Binding binding) throws ManagerException {
        String oscId = oscId(binding.id());
        if (binding.managerInterfaceId() != null) {
            Optional<SecurityGroupInterfaceElement> known =
                    mappings.getSecurityGroupInterface(binding.managerInterfaceId());
            if (known.isPresent() && oscId.equals(known.get().oscBindingId())) {
                return known;
            }
        }
        return mappings.listSecurityGroupInterfaces().stream().filter(m -> oscId.equals(m.oscBindingId()))
                .findFirst();
    }

    private RedirectionSession session(GroupSnapshot group) throws SdnException {
        return plugins.sdn(group.connectorLabel(), group.vc().controllerType()).openSession(group.vc().element());
    }

    private void record(long bindingId, String mappingId, String hookId) {
        database.run(s -> {
            SecurityGroupInterface row = s.find(SecurityGroupInterface.class, bindingId);
            if (row == null) {
                return;
            }
            if (!Objects.equals(row.getManagerInterfaceId(), mappingId)) {
                row.setManagerInterfaceId(mappingId);
            }
            if (!Objects.equals(row.getInspectionHookId(), hookId)) {
                row.setInspectionHookId(hookId);
            }
        });
    }

    private void deleteRow(long bindingId) {
        database.run(s -> {
            SecurityGroupInterface row = s.find(SecurityGroupInterface.class, bindingId);
            if (row != null) {
                // Through the group's collection: the group cascades to its bindings and would re-save it.
                row.getSecurityGroup().getBindings().remove(row);
            }
        });
    }
}
