package org.osc.server.da;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.Session;
import org.osc.api.manager.element.DeviceMemberSpec;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;
import org.osc.server.domain.DeploymentSpec;
import org.osc.server.domain.DistributedApplianceInstance;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.mc.ManagerTarget;
import org.osc.server.reconcile.TerminalException;
import org.osc.server.vc.ControllerAttributes;

/**
 * What registering one deployment spec's instances needs, read in one short transaction and used outside it,
 * so that no transaction stays open while the SDN controller or the manager answers.
 *
 * @param label "Deployment spec 'name'", the start of every failure reason
 * @param vsId the spec's virtual system
 * @param daName its distributed appliance's name
 * @param controllerType the SDN plugin of the virtual system's connector
 * @param connector what the SDN plugin is told of the connector (no secrets)
 * @param manager the distributed appliance's manager connector
 * @param deviceId the virtual system's device on the manager, null until the appliance's sync made it
 * @param instances the spec's instances, by id
 * @param liveMembers manager member ids held by live instances of any spec of the virtual system
 * @param boundGroups id to name of the security groups bound to the virtual system
 */
record InstanceSnapshot(String label, long vsId, String daName, String controllerType,
        VirtualizationConnectorElement connector, ManagerTarget manager, String deviceId, List<Instance> instances,
        Set<String> liveMembers, Map<Long, String> boundGroups) {

    /**
     * One instance row.
     *
     * @param ready the stored readiness; false also after the pod's IP changed, which asks for re-registration
     * @param removing whether the row is marked for deletion (its pod is gone, or the spec is being deleted)
     * @param podReady whether the platform reports the pod ready: the health of its inspection port
     */
    record Instance(long id, String name, String namespace, String podUid, String ipAddress, String macAddress,
            String inspectionPortId, String managerMemberId, boolean ready, boolean removing, boolean podReady) {

        /** @return whether the pod has an IP, without which neither side can know it */
        boolean addressed() {
            return ipAddress != null && !ipAddress.isBlank();
        }

        /** @return how the SDN controller is asked for the pod's port */
        WorkloadIdentity workload() {
            return new WorkloadIdentity(namespace, name, podUid, List.of(ipAddress));
        }

        /** @return the device member the manager should hold for the pod */
        DeviceMemberSpec member() {
            return new DeviceMemberSpec(name, List.of(ipAddress));
        }
    }

    /** @return the live instances with an address: those to register */
    List<Instance> toRegister() {
        return instances.stream().filter(i -> !i.removing() && i.addressed()).toList();
    }

    /** @return the instances marked for deletion: those to deregister, then delete */
    List<Instance> toRemove() {
        return instances.stream().filter(Instance::removing).toList();
    }

    /** Reads the spec; IllegalStateException when it no longer exists. */
    static InstanceSnapshot read(Session session, long specId) {
        DeploymentSpec spec = session.find(DeploymentSpec.class, specId);
        if (spec == null) {
            throw new TerminalException("Deployment spec " + specId + " no longer exists");
        }
        VirtualSystem vs = spec.getVirtualSystem();
        VirtualizationConnector vc = vs.getVirtualizationConnector();
        List<Instance> instances = session.createSelectionQuery(
                "from DistributedApplianceInstance i where i.deploymentSpec = :ds order by i.id",
                DistributedApplianceInstance.class).setParameter("ds", spec).getResultList().stream()
                .map(i -> new Instance(i.getId(), i.getName(), i.getNamespace(), i.getPodUid(), i.getIpAddress(),
                        i.getMacAddress(), i.getInspectionPortId(), i.getManagerMemberId(), i.isInspectionReady(),
                        i.isMarkedForDeletion(), i.isPodReady()))
                .toList();
        Set<String> liveMembers = new HashSet<>(session.createSelectionQuery("select i.managerMemberId "
                + "from DistributedApplianceInstance i where i.deploymentSpec.virtualSystem = :vs "
                + "and i.managerMemberId is not null and i.markedForDeletion = false", String.class)
                .setParameter("vs", vs).getResultList());
        Map<Long, String> groups = new LinkedHashMap<>();
        session.createSelectionQuery("select g from SecurityGroup g where exists (select 1 from SecurityGroupInterface b "
                + "where b.securityGroup = g and b.virtualSystem = :vs) order by g.id", SecurityGroup.class)
                .setParameter("vs", vs).getResultList().forEach(g -> groups.put(g.getId(), g.getName()));
        // The element as the binding side builds it, so that both open sessions for the same connector.
        VirtualizationConnectorElement connector = ControllerAttributes.element(vc);
        return new InstanceSnapshot("Deployment spec '" + spec.getName() + "'", vs.getId(),
                vs.getDistributedAppliance().getName(), vc.getControllerType(), connector,
                ManagerTarget.of(vs.getDistributedAppliance().getManagerConnector()), vs.getManagerDeviceId(),
                instances, Set.copyOf(liveMembers), Collections.unmodifiableMap(groups));
    }
}
