package org.osc.ovn.sdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osc.ovn.sdn.nb.NbConnection;
import org.osc.ovsdb.Operation;
import org.osc.ovsdb.OvsdbClient;
import org.osc.ovsdb.OvsdbTestServer;
import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.contract.RecordingNotifications;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * What an administrator sees when a connector's attributes are wrong or the database is away (the errors OSC
 * answers 422 with), and that a reconcile that changes nothing writes nothing, also from a restarted plugin.
 * Against a real {@code ovsdb-server} with the OVN northbound schema.
 */
class OvnSdnControllerIT {

    private static OvsdbTestServer server;
    private final OvnSdnController ovn = new OvnSdnController();

    @BeforeAll
    static void startServer() throws Exception {
        server = OvsdbTestServer.startTcp();
        server.nbctl("lr-add", "ovn_cluster_router",
                "--", "lrp-add", "ovn_cluster_router", "rtos-node1", "0a:58:0a:f4:01:01", "10.244.1.1/24",
                "--", "lrp-add", "ovn_cluster_router", "rtos-node2", "0a:58:0a:f4:02:01", "10.244.2.1/24",
                "--", "ls-add", "node1", "--", "ls-add", "node2",
                "--", "lsp-add", "node1", "stor-node1", "--", "lsp-set-type", "stor-node1", "router",
                "--", "lsp-set-options", "stor-node1", "router-port=rtos-node1",
                "--", "lsp-add", "node2", "stor-node2", "--", "lsp-set-type", "stor-node2", "router",
                "--", "lsp-set-options", "stor-node2", "router-port=rtos-node2",
                "--", "lsp-add", "node1", "default_web", "--", "lsp-set-addresses", "default_web",
                "0a:58:0a:f4:01:0a 10.244.1.10",
                "--", "lsp-add", "node2", "default_vnf", "--", "lsp-set-addresses", "default_vnf",
                "0a:58:0a:f4:02:0a 10.244.2.10");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void close() {
        ovn.close();
    }

    private static VirtualizationConnectorElement connector(Map<String, String> attributes) {
        return new VirtualizationConnectorElement("vc", "KUBERNETES", attributes);
    }

    private void assertRefused(String attribute, Map<String, String> attributes) {
        SdnException e = assertThrows(SdnException.class, () -> ovn.getStatus(connector(attributes)));
        assertTrue(e.getMessage().startsWith(attribute + ": "), e.getMessage());
    }

    @Test
    void getStatus_namesTheAttributeThatIsMissingOrWrong() {
        String nb = server.remote().toString();
        assertRefused("northbound", Map.of());
        assertRefused("northbound", Map.of("northbound", "http://127.0.0.1:6641"));
        assertRefused("northbound", Map.of("northbound", "tcp:127.0.0.1"));
        assertRefused("northboundCaCertificate", Map.of("northbound", "ssl:127.0.0.1:6641"));
        assertRefused("northboundClientKey", Map.of("northbound", "ssl:127.0.0.1:6641",
                "northboundCaCertificate", "x", "northboundClientCertificate", "x", "northboundClientKey",
                "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----"));
        assertRefused("clusterRouter", Map.of("northbound", nb, "clusterRouter", "no\"quotes"));
        assertRefused("clusterRouter", Map.of("northbound", nb, "clusterRouter", "no_such_router"));
    }

    @Test
    void getStatus_ofAnUnreachableDatabase_namesItsAddressWithinAboutThreeSeconds() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        String address = "tcp:127.0.0.1:" + closed;
        long start = System.nanoTime();
        ControllerUnreachableException e = assertThrows(ControllerUnreachableException.class,
                () -> ovn.getStatus(connector(Map.of("northbound", address))));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains(address), e.getMessage());
        assertTrue(millis >= 2500 && millis < 5000, "took " + millis + " ms");
    }

    @Test
    void getStatus_ofTheDatabase_isReady() throws Exception {
        assertTrue(ovn.getStatus(connector(Map.of("northbound", server.remote().toString()))).ready());
    }

    @Test
    void connectorsOfOneDatabase_shareAConnection_closedOnceUnused() throws Exception {
        try (OvnSdnController shared = new OvnSdnController(NbConnection.Timeouts.DEFAULT, Duration.ofMillis(400))) {
            String nb = server.remote().toString();
            RedirectionSession a = shared.openSession(connector(Map.of("northbound", nb)));
            RedirectionSession b = shared.openSession(new VirtualizationConnectorElement("other", "KUBERNETES",
                    Map.of("northbound", nb, "clusterRouter", "another_router")));
            assertEquals(1, shared.openConnections(), "one connection for one database");
            a.close();
            Thread.sleep(800);
            assertEquals(1, shared.openConnections(), "still used by a session");
            b.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (shared.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, shared.openConnections(), "closed once unused for the idle time");
            try (RedirectionSession again = shared.openSession(connector(Map.of("northbound", nb)))) {
                assertTrue(again.getWorkloadPort(new WorkloadIdentity("default", "web", "", List.of())) != null);
            }
        }
    }

    /** Each row's _version changes with every write to it; equal versions mean nothing was written. */
    private static Map<String, String> versions() throws Exception {
        Map<String, String> versions = new HashMap<>();
        try (OvsdbClient client = OvsdbClient.builder(server.remote()).connect()) {
            assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
            for (String table : List.of("Port_Group", "Logical_Router_Policy", "Logical_Router")) {
                versions.put(table, client.transact("OVN_Northbound", List.of(Operation.select(table, List.of(),
                        List.of("_uuid", "_version")))).get(0).path("rows").toString());
            }
        }
        return versions;
    }

    @Test
    void aReconcileThatChangesNothing_writesNothing_alsoAfterAPluginRestart() throws Exception {
        VirtualizationConnectorElement vc = connector(Map.of("northbound", server.remote().toString()));
        try (RedirectionSession session = ovn.openSession(vc)) {
            reconcile(session);
        }
        Map<String, String> written = versions();
        assertTrue(written.get("Logical_Router_Policy").contains("_version"), "a policy was written: " + written);
        try (RedirectionSession session = ovn.openSession(vc)) {
            reconcile(session);
            reconcile(session);
        }
        assertEquals(written, versions(), "the same calls again wrote something");
        try (OvnSdnController restarted = new OvnSdnController();
                RedirectionSession session = restarted.openSession(vc)) {
            reconcile(session);
        }
        assertEquals(written, versions(), "a restarted plugin's resync wrote something");
    }

    @Test
    void aVnfPortWhoseAddressChanges_reportsItsHook_whosePolicyIsRewrittenWhenInstalledAgain() throws Exception {
        server.nbctl("lsp-add", "node1", "moving_web", "--", "lsp-set-addresses", "moving_web",
                "0a:58:0a:f4:01:1a 10.244.1.26",
                "--", "lsp-add", "node2", "moving_vnf", "--", "lsp-set-addresses", "moving_vnf",
                "0a:58:0a:f4:02:1a 10.244.2.26");
        VirtualizationConnectorElement vc = connector(Map.of("northbound", server.remote().toString()));
        RecordingNotifications notifications = new RecordingNotifications();
        ovn.startNotifications(notifications);
        InspectionHookSpec spec;
        String hookId;
        try (RedirectionSession session = ovn.openSession(vc)) {
            NetworkElement web = session.getWorkloadPort(new WorkloadIdentity("moving", "web", "", List.of()));
            NetworkElement vnf = session.getWorkloadPort(new WorkloadIdentity("moving", "vnf", "", List.of()));
            PortGroup group = session.registerPortGroup("osc-sg-moving", Set.of(web));
            InspectionPort port = session.registerInspectionPort(vnf, vnf);
            spec = new InspectionHookSpec(InspectedElement.portGroup(group.id()), port.id(), 0,
                    TagEncapsulation.NONE, 7, FailurePolicy.FAIL_CLOSE);
            hookId = session.installInspectionHook(spec).id();
        }
        assertTrue(nexthops(hookId).contains("10.244.2.26"), nexthops(hookId));

        // The VNF's port gets another address (its pod came back with another IP): the hook's reroute is stale.
        server.nbctl("lsp-set-addresses", "moving_vnf", "0a:58:0a:f4:02:1b 10.244.2.27");
        assertTrue(notifications.await(RecordingNotifications.element(vc, ElementKind.INSPECTION_HOOK, hookId),
                Duration.ofSeconds(5)).isPresent(), "elementChanged for the hook steering to the changed port");
        try (RedirectionSession session = ovn.openSession(vc)) {
            assertTrue(session.getInspectionHook(hookId).isEmpty(), "a hook whose reroute is stale is not installed");
            assertEquals(hookId, session.installInspectionHook(spec).id());
            assertTrue(session.getInspectionHook(hookId).isPresent());
        }
        assertTrue(nexthops(hookId).contains("10.244.2.27"), nexthops(hookId));
    }

    private static String nexthops(String hookId) throws Exception {
        return server.nbctl("--bare", "--columns=nexthops", "find", "Logical_Router_Policy",
                "external_ids:osc-id=" + hookId);
    }

    /** What OSC's reconcile of a bound security group calls. */
    private static void reconcile(RedirectionSession session) throws Exception {
        NetworkElement web = session.getWorkloadPort(new WorkloadIdentity("default", "web", "", List.of()));
        NetworkElement vnf = session.getWorkloadPort(new WorkloadIdentity("default", "vnf", "", List.of()));
        PortGroup group = session.registerPortGroup("osc-sg-1", Set.of(web));
        session.updatePortGroup(group.id(), Set.of(web));
        InspectionPort port = session.registerInspectionPort(vnf, vnf);
        session.setInspectionPortHealthy(port.id(), true);
        InspectionHookSpec spec = new InspectionHookSpec(InspectedElement.portGroup(group.id()), port.id(), 0,
                TagEncapsulation.NONE, 5, FailurePolicy.FAIL_CLOSE);
        if (session.findInspectionHook(spec.inspected(), port.id()).filter(h -> h.toSpec().equals(spec)).isEmpty()) {
            session.installInspectionHook(spec);
        }
        session.installInspectionHook(spec);
        assertEquals(1, session.getInspectionHooks(spec.inspected()).size());
    }
}
