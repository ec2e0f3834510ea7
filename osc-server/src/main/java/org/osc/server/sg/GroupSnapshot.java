package org.osc.server.sg;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hibernate.Session;
import org.osc.api.manager.element.ManagerConnectorElement;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.LabelSelector;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupInterface;
import org.osc.server.domain.SecurityGroupMember;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.reconcile.TerminalException;
import org.osc.server.vc.VirtualizationConnectorService;

/**
 * What a reconcile task needs of a security group and its bindings, read in one short transaction and used
 * outside it: plugin calls can be slow, and must not hold a transaction (and its row locks) open.
 *
 * @param deleting whether the group is marked for deletion (its external state must go)
 * @param vnfPodUids uids of the VNF pods on the group's connector, which are never protected by a group
 */
record GroupSnapshot(long id, String name, boolean deleting, boolean protectAll, List<String> namespaces,
        List<LabelSelector> selectors, String portGroupId, String managerGroupId, Connector vc,
        List<Binding> bindings, Set<String> vnfPodUids) {

    /** The group's virtualization connector, as the platform and the SDN plugin see it. */
    record Connector(String type, String controllerType, ConnectorInfo info, VirtualizationConnectorElement element) {
    }

    /** A manager connector, as its plugin sees it. */
    record Manager(long id, String name, String managerType, ManagerConnectorElement element) {
    }

    /**
     * The inspection ports of a virtual system's VNF pods, each list by instance id.
     *
     * @param ready those of live instances whose pod is ready: where hooks go
     * @param notReady those of live instances whose pod is not ready
     * @param leaving those of instances going away while their spec stays (the pod went, e.g. scaled to zero)
     */
    record Ports(List<String> ready, List<String> notReady, List<String> leaving) {

        /** @return the ports a FAIL_CLOSE hook may stay on while no VNF is ready: not ready, then leaving */
        List<String> standby() {
            List<String> all = new ArrayList<>(notReady);
            all.addAll(leaving);
            return all;
        }

        /** @return every port a hook of the binding may redirect to */
        List<String> all() {
            List<String> all = new ArrayList<>(ready);
            all.addAll(standby());
            return all;
        }
    }

    /**
     * A binding with what its reconcile needs of its virtual system.
     *
     * @param ports the inspection ports of the virtual system's VNF pods (those of a spec being deleted left out,
     *        so that hooks move off them before their ports go)
     */
    record Binding(long id, String name, boolean deleting, long virtualSystemId, String managerDeviceId,
            String encapsulationType, Manager manager, List<String> policyIds, int order, String failurePolicy,
            String managerInterfaceId, String inspectionHookId, Ports ports) {

        /** @return "binding 'name'", for failure reasons after the group's label */
        String label() {
            return "binding '" + name + "'";
        }
    }

    /** @return this group with the port group id a step registered (null: removed) */
    GroupSnapshot withPortGroupId(String id) {
        return new GroupSnapshot(this.id, name, deleting, protectAll, namespaces, selectors, id, managerGroupId, vc,
                bindings, vnfPodUids);
    }

    /** @return this group with the manager group id a step recorded */
    GroupSnapshot withManagerGroupId(String id) {
        return new GroupSnapshot(this.id, name, deleting, protectAll, namespaces, selectors, portGroupId, id, vc,
                bindings, vnfPodUids);
    }

    /** @return "Security group 'name'", for failure reasons */
    String label() {
        return "Security group '" + name + "'";
    }

    /** @return "Virtualization connector 'name'", for failure reasons about its SDN plugin */
    String connectorLabel() {
        return "Virtualization connector '" + vc.info().name() + "'";
    }

    /** @return the binding with that id, if the group still has it */
    Optional<Binding> binding(long bindingId) {
        return bindings.stream().filter(b -> b.id() == bindingId).findFirst();
    }

    /** Reads the group; TerminalException naming the id when it no longer exists (removed meanwhile). */
    static GroupSnapshot load(Session session, long id) {
        SecurityGroup sg = session.find(SecurityGroup.class, id);
        if (sg == null) {
            throw new TerminalException("Security group " + id + " no longer exists");
        }
        VirtualizationConnector vc = sg.getVirtualizationConnector();
        List<LabelSelector> selectors = new ArrayList<>();
        for (SecurityGroupMember member : sg.getMembers()) {
            selectors.add(LabelSelector.parse(member.getLabel()));
        }
        List<Binding> bindings = new ArrayList<>();
        for (SecurityGroupInterface b : sg.getBindings()) {
            bindings.add(binding(session, b));
        }
        Set<String> vnfPods = new HashSet<>(session.createSelectionQuery("select d.podUid from "
                + "DistributedApplianceInstance d where d.deploymentSpec.virtualSystem.virtualizationConnector = :vc",
                String.class).setParameter("vc", vc).getResultList());
        Connector connector = new Connector(vc.getType(), vc.getControllerType(),
                VirtualizationConnectorService.info(vc), PluginAccess.element(vc));
        return new GroupSnapshot(sg.getId(), sg.getName(), sg.isMarkedForDeletion(), sg.isProtectAll(),
                List.copyOf(sg.getNamespaces()), List.copyOf(selectors), sg.getPortGroupId(), sg.getManagerGroupId(),
                connector, List.copyOf(bindings), Set.copyOf(vnfPods));
    }

    private static Binding binding(Session session, SecurityGroupInterface b) {
        VirtualSystem vs = b.getVirtualSystem();
        ManagerConnector mc = vs.getDistributedAppliance().getManagerConnector();
        Manager manager = new Manager(mc.getId(), mc.getName(), mc.getManagerType(), PluginAccess.element(mc));
        List<String> ready = new ArrayList<>();
        List<String> notReady = new ArrayList<>();
        List<String> leaving = new ArrayList<>();
        session.createSelectionQuery("select d.inspectionPortId, d.markedForDeletion, d.podReady "
                + "from DistributedApplianceInstance d where d.deploymentSpec.virtualSystem = :vs "
                + "and d.inspectionPortId is not null and d.deploymentSpec.markedForDeletion = false order by d.id",
                Object[].class).setParameter("vs", vs).getResultList().forEach(row -> {
                    String port = (String) row[0];
                    (Boolean.TRUE.equals(row[1]) ? leaving : Boolean.TRUE.equals(row[2]) ? ready : notReady).add(port);
                });
        return new Binding(b.getId(), b.getName(), b.isMarkedForDeletion(), vs.getId(), vs.getManagerDeviceId(),
                vs.getEncapsulationType(), manager, List.copyOf(b.getPolicyIds()), b.getChainOrder(),
                b.getFailurePolicyType(), b.getManagerInterfaceId(), b.getInspectionHookId(),
                new Ports(List.copyOf(ready), List.copyOf(notReady), List.copyOf(leaving)));
    }
}
