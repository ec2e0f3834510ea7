package org.osc.ovn.sdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osc.ovn.sdn.nb.NbConnection;
import org.osc.ovsdb.OvsdbTestServer;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.contract.ComponentDescription;
import org.osc.sdn.api.contract.RecordingNotifications;
import org.osc.sdn.api.contract.SdnControllerContractTest;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * The SPI contract against a real {@code ovsdb-server} with a fresh OVN northbound database (no northd needed):
 * a cluster router with two node switches, pods as logical switch ports made with {@code ovn-nbctl} as
 * OVN-Kubernetes would make them, and drift made with {@code ovn-nbctl} too.
 */
class OvnSdnContractIT extends SdnControllerContractTest {

    private static OvsdbTestServer server;

    private OvnSdnController ovn;

    @BeforeAll
    static void startServer() throws Exception {
        server = OvsdbTestServer.startTcp();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The cluster first, then the session the contract opens (a superclass's BeforeEach would run first). */
    @BeforeEach
    @Override
    protected void openSession() throws Exception {
        cluster();
        super.openSession();
    }

    /** An empty database with the layout of an OVN-Kubernetes cluster of two nodes. */
    private void cluster() throws Exception {
        server.nbctl("--if-exists", "lr-del", "ovn_cluster_router");
        for (String ls : server.nbctl("--bare", "--columns=name", "list", "Logical_Switch").split("\\s+")) {
            if (!ls.isBlank()) {
                server.nbctl("ls-del", ls);
            }
        }
        for (String pg : server.nbctl("--bare", "--columns=name", "list", "Port_Group").split("\\s+")) {
            if (!pg.isBlank()) {
                server.nbctl("pg-del", pg);
            }
        }
        server.nbctl("lr-add", "ovn_cluster_router",
                "--", "lrp-add", "ovn_cluster_router", "rtos-node1", "0a:58:0a:4d:00:01", "10.77.0.1/16",
                "--", "lrp-add", "ovn_cluster_router", "rtos-node2", "0a:58:0a:4e:00:01", "10.78.0.1/16",
                "--", "ls-add", "node1", "--", "ls-add", "node2",
                "--", "lsp-add", "node1", "stor-node1", "--", "lsp-set-type", "stor-node1", "router",
                "--", "lsp-set-addresses", "stor-node1", "router",
                "--", "lsp-set-options", "stor-node1", "router-port=rtos-node1",
                "--", "lsp-add", "node2", "stor-node2", "--", "lsp-set-type", "stor-node2", "router",
                "--", "lsp-set-addresses", "stor-node2", "router",
                "--", "lsp-set-options", "stor-node2", "router-port=rtos-node2");
    }

    @AfterEach
    void closeController() {
        if (ovn != null) {
            ovn.close();
        }
    }

    @Override
    protected SdnControllerApi createController() {
        ovn = new OvnSdnController(NbConnection.Timeouts.DEFAULT, Duration.ofMinutes(1));
        return ovn;
    }

    @Override
    protected VirtualizationConnectorElement connector() {
        return new VirtualizationConnectorElement("contract-vc", "KUBERNETES",
                Map.of("northbound", server.remote().toString()));
    }

    /** The pod's port on node1, named, addressed and versioned (the pod's uid) as OVN-Kubernetes does it. */
    @Override
    protected void givenWorkload(WorkloadIdentity workload) throws Exception {
        String lsp = workload.namespace() + "_" + workload.name();
        String ip = workload.ipAddresses().get(0);
        String[] b = ip.split("\\.");
        String mac = String.format("0a:58:%02x:%02x:%02x:%02x", Integer.parseInt(b[0]), Integer.parseInt(b[1]),
                Integer.parseInt(b[2]), Integer.parseInt(b[3]));
        server.nbctl("--may-exist", "lsp-add", "node1", lsp, "--", "lsp-set-addresses", lsp, mac + " " + ip,
                "--", "set", "Logical_Switch_Port", lsp, "external_ids:namespace=" + workload.namespace(),
                "external_ids:pod=true", "options:iface-id-ver=" + workload.uid());
    }

    @Override
    protected boolean changeElementOutOfBand(ElementKind kind, String elementId) throws Exception {
        switch (kind) {
            case PORT_GROUP, INSPECTION_PORT -> server.nbctl("pg-del", elementId);
            case INSPECTION_HOOK -> {
                String uuid = server.nbctl("--bare", "--columns=_uuid", "find", "Logical_Router_Policy",
                        "external_ids:osc-id=" + elementId);
                server.nbctl("lr-policy-del", "ovn_cluster_router", uuid);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    @Test
    void workloadPortChange_carriesTheUidAndIpOvnKubernetesRecorded() throws Exception {
        RecordingNotifications recording = startRecording();
        WorkloadIdentity pod = workload("push-uid");
        givenWorkloadPortChange(pod);
        RecordingNotifications.Notification received = recording.await(RecordingNotifications.workloadPort(
                connector(), pod), Duration.ofSeconds(5)).orElseThrow();
        WorkloadIdentity reported = ((RecordingNotifications.WorkloadPortChanged) received).workload();
        assertEquals(pod.uid(), reported.uid());
        assertEquals(pod.ipAddresses(), reported.ipAddresses());
    }

    @Test
    void theSessionsOwnChanges_areNotNotified_evenInQuickSuccession() throws Exception {
        NetworkElement a = port("own-a");
        NetworkElement b = port("own-b");
        InspectionPort vnf = inspectionPort("own-vnf");
        RecordingNotifications recording = startRecording();
        for (int round = 0; round < 3; round++) {
            PortGroup group = session.registerPortGroup("sg-own", Set.of(a));
            session.updatePortGroup(group.id(), Set.of(a, b));
            InspectionHook hook = session.installInspectionHook(hookSpec(InspectedElement.portGroup(group.id()),
                    vnf, 1));
            session.setInspectionPortHealthy(vnf.id(), false);
            session.setInspectionPortHealthy(vnf.id(), true);
            session.updateInspectionHook(hook.id(), hookSpec(InspectedElement.portGroup(group.id()), vnf, 2));
            session.removeInspectionHook(hook.id());
            session.deletePortGroup(group.id());
        }
        Thread.sleep(500);
        assertEquals(List.of(), recording.received().stream()
                .filter(n -> n instanceof RecordingNotifications.ElementChanged).toList());
    }

    @Test
    void aNewRouterPort_isReportedForEveryHook_andTheReinstalledPolicyCoversIt() throws Exception {
        InspectedElement group = inspectedElement("sg-new-node");
        InspectionPort vnf = inspectionPort("vnf-new-node");
        InspectionHook hook = session.installInspectionHook(hookSpec(group, vnf, 1));
        RecordingNotifications recording = startRecording();
        server.nbctl("lrp-add", "ovn_cluster_router", "rtos-node3", "0a:58:0a:4f:00:01", "10.79.0.1/16");
        assertTrue(recording.await(RecordingNotifications.element(connector(), ElementKind.INSPECTION_HOOK,
                hook.id()), Duration.ofSeconds(5)).isPresent(), "elementChanged for the hook");
        assertTrue(session.getInspectionHook(hook.id()).isEmpty(), "a policy missing a node's port is stale");
        assertEquals(hook, session.installInspectionHook(hookSpec(group, vnf, 1)), "reinstalled, same hook");
        String match = server.nbctl("--bare", "--columns=match", "find", "Logical_Router_Policy",
                "external_ids:osc-id=" + hook.id());
        assertTrue(match.contains("\"rtos-node2\"") && match.contains("\"rtos-node3\""), match);
        assertTrue(!match.contains("rtos-node1"), "the VNF's own node port is left out: " + match);
        assertEquals(Optional.of(hook), session.getInspectionHook(hook.id()));
    }

    @Override
    protected Map<String, Object> serviceProperties() {
        return ComponentDescription.properties(OvnSdnComponent.class.getName());
    }
}
