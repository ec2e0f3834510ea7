package org.osc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osc.server.catalog.ApplianceBody;
import org.osc.server.catalog.SoftwareVersionBody;
import org.osc.server.da.DeploymentSpecBody;
import org.osc.server.da.DistributedApplianceBody;
import org.osc.server.da.DistributedApplianceBody.VirtualSystemBody;
import org.osc.server.mc.JobStarted;
import org.osc.server.mc.ManagerConnectorBody;
import org.osc.server.sg.BindingBody;
import org.osc.server.sg.MemberBody;
import org.osc.server.sg.SecurityGroupBody;
import org.osc.server.vc.VirtualizationConnectorBody;

/**
 * What an administrator sets up in OSC before the measurements, made through the server's own services as the REST
 * resources would: a Kubernetes connector on the simulated
 * cluster steered by the SDN plugin, the security groups of the {@link Topology}, and a distributed appliance on
 * the sample manager whose deployment spec runs the VNF pods that the bound groups are inspected by.
 *
 * @param vcId the virtualization connector
 * @param groupIds the security group id of each group index
 * @param vsId the virtual system of the appliance on the connector
 * @param specId its deployment spec
 */
record OscModel(long vcId, List<Long> groupIds, long vsId, long specId) {

    /** Namespace of the VNF pods. */
    static final String VNF_NAMESPACE = "security";
    private static final Duration JOB_WAIT = Duration.ofMinutes(5);

    /**
     * Creates everything and waits for the jobs that must pass before the next step (manager connector, appliance),
     * then starts following the connector as the server's connector watcher does.
     *
     * @param controllerAttributes the connector's controller attributes (the OVN plugin's {@code northbound}), or
     *        null for none
     */
    static OscModel create(OscSide osc, String kubeconfig, Map<String, String> controllerAttributes,
            Topology topology, BenchConfig config) throws Exception {
        long vc = osc.connectors.create(new VirtualizationConnectorBody(null, "sim", "KUBERNETES",
                config.sdn().pluginName(), kubeconfig, null, null, null, null, null, null, null, null, null)
                .withControllerAttributes(controllerAttributes));
        osc.follow();
        List<Long> groups = new ArrayList<>();
        for (int g = 0; g < topology.groups(); g++) {
            long id = osc.groups.create(vc, SecurityGroupBody.of("group-" + g, false, null)).id();
            List<MemberBody> members = new ArrayList<>();
            for (String label : topology.members(g)) {
                members.add(new MemberBody(label.substring(0, label.indexOf('=')), MemberBody.LABEL, label));
            }
            osc.members.replace(vc, id, members);
            groups.add(id);
        }
        JobStarted mc = osc.managerConnectors.create(new ManagerConnectorBody(null, "manager", OscSide.MANAGER,
                "manager.example", "admin", "admin123", null, null, null, null, null));
        osc.awaitPassed(mc.jobId(), JOB_WAIT);
        long appliance = osc.catalog.create(new ApplianceBody(null, "vnf-model", OscSide.MANAGER, "1.0"));
        long version = osc.catalog.addVersion(appliance, new SoftwareVersionBody(null, null, "1.0", "KUBERNETES",
                "1.30", "registry.example.com/vnf:1.0", null, null));
        JobStarted da = osc.appliances.create(new DistributedApplianceBody(null, "inspector", mc.id(), version,
                List.of(new VirtualSystemBody(null, vc, "domain-1", config.sdn().encapsulation(), null, null)), null,
                null, null, null, null));
        osc.awaitPassed(da.jobId(), JOB_WAIT);
        long vs = osc.appliances.get(da.id()).virtualSystems().get(0).id();
        JobStarted spec = osc.specs.create(vs, new DeploymentSpecBody(null, null, "inspectors", VNF_NAMESPACE,
                config.vnfReplicas(), null, null, null, null, null));
        osc.awaitPassed(spec.jobId(), JOB_WAIT);
        return new OscModel(vc, List.copyOf(groups), vs, spec.id());
    }

    /** Binds the groups the configuration names to the virtual system, once its VNFs are inspection-ready. */
    void bind(OscSide osc, BenchConfig config) {
        for (int g = 0; g < groupIds.size(); g++) {
            if (config.bound(g)) {
                osc.bindings.replace(vcId, groupIds.get(g), List.of(BindingBody.of(vsId, "inspect-" + g,
                        List.of("policy-2"), 1, "NA")));
            }
        }
    }

    /** @return the group index of each port group, read from the database */
    Map<String, Integer> portGroups(OscSide osc) {
        Map<String, Integer> byPortGroup = new HashMap<>();
        for (int g = 0; g < groupIds.size(); g++) {
            String portGroup = osc.groups.get(vcId, groupIds.get(g)).portGroupId();
            if (portGroup != null) {
                byPortGroup.put(portGroup, g);
            }
        }
        return byPortGroup;
    }

    /** @return how many of the spec's instances are inspection-ready (SDN inspection port and manager member) */
    long readyInstances(OscSide osc) {
        return osc.specs.instances(vsId).stream().filter(i -> i.deploymentSpecId() == specId)
                .filter(i -> i.inspectionReady()).count();
    }
}
