package org.osc.sample.sdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.sample.sdn.SampleSdnViews.PortRequest;
import org.osc.sample.sdn.SampleSdnViews.Snapshot;
import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.ElementNotFoundException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;

/** What the sample adds to the contract: learning ports, persistence, counters, drift and outages. */
class SampleSdnControllerTest {

    private static final VirtualizationConnectorElement VC =
            new VirtualizationConnectorElement("vc", "KUBERNETES", Map.of());
    private static final WorkloadIdentity WEB = new WorkloadIdentity("shop", "web-0", "uid-1", List.of("10.0.0.5"));
    private static final WorkloadIdentity VNF = new WorkloadIdentity("shop", "vnf-0", "uid-v", List.of("10.0.1.1"));

    @TempDir
    Path dir;

    private SampleSdnController start() {
        return new SampleSdnController(dir.resolve("sample-sdn/state.json"), "1.2.3");
    }

    @Test
    void learnedPort_isDerivedStablyFromUidAndReportedIps() throws Exception {
        try (RedirectionSession s = start().openSession(VC)) {
            NetworkElement port = s.getWorkloadPort(WEB);
            assertEquals("port-uid-1", port.id());
            assertEquals(List.of("10.0.0.5"), port.ipAddresses());
            assertEquals("shop", port.parentId());
            String mac = port.macAddresses().get(0);
            assertTrue(mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"), mac);
            assertEquals(0x02, Integer.parseInt(mac.substring(0, 2), 16) & 0x03, "locally administered unicast");
            assertEquals(port, s.getWorkloadPort(WEB));
        }
        try (RedirectionSession s = start().openSession(VC)) {
            assertEquals("port-uid-1", s.getWorkloadPort(WEB).id(), "stable across restarts");
        }
    }

    @Test
    void learnedPort_followsARecreatedPod_butAPodWithoutIpIsNotFound() throws Exception {
        try (RedirectionSession s = start().openSession(VC)) {
            s.getWorkloadPort(WEB);
            NetworkElement port = s.getWorkloadPort(new WorkloadIdentity("shop", "web-0", "uid-2", List.of("10.0.0.9")));
            assertEquals("port-uid-2", port.id());
            assertEquals(List.of("10.0.0.9"), port.ipAddresses());
            WorkloadIdentity pending = new WorkloadIdentity("shop", "web-1", "uid-3", List.of());
            ElementNotFoundException e = assertThrows(ElementNotFoundException.class, () -> s.getWorkloadPort(pending));
            assertTrue(e.getMessage().contains("no IP address"), e.getMessage());
        }
    }

    @Test
    void toldPort_winsOverLearning_andIsValidated() throws Exception {
        SampleSdnController sdn = start();
        sdn.putPort("shop", "web-0", new PortRequest("nuage-17", "02:AA:00:00:00:01", List.of("10.0.0.5")));
        try (RedirectionSession s = sdn.openSession(VC)) {
            NetworkElement port = s.getWorkloadPort(WEB);
            assertEquals("nuage-17", port.id());
            assertEquals(List.of("02:aa:00:00:00:01"), port.macAddresses());
        }
        assertThrows(IllegalArgumentException.class,
                () -> sdn.putPort("shop", "web-1", new PortRequest(null, "zz", List.of("10.0.0.6"))));
        assertThrows(IllegalArgumentException.class,
                () -> sdn.putPort("shop", "web-1", new PortRequest(null, null, List.of("not an ip"))));
        assertThrows(IllegalArgumentException.class,
                () -> sdn.putPort("shop", "web-1", new PortRequest("nuage-17", null, List.of("10.0.0.6"))),
                "a port id belongs to one pod");
        assertThrows(IllegalArgumentException.class, () -> sdn.putPort(" ", "web-1", new PortRequest(null, null, null)));
    }

    @Test
    void state_survivesRestart_andIdsKeepCounting() throws Exception {
        SampleSdnController first = start();
        PortGroup group;
        InspectionHook hook;
        try (RedirectionSession s = first.openSession(VC)) {
            NetworkElement vnf = s.getWorkloadPort(VNF);
            group = s.registerPortGroup("sg-1", Set.of(s.getWorkloadPort(WEB)));
            InspectionPort ip = s.registerInspectionPort(vnf, vnf);
            hook = s.installInspectionHook(new InspectionHookSpec(InspectedElement.portGroup(group.id()), ip.id(), 10,
                    TagEncapsulation.VLAN, 2, FailurePolicy.FAIL_OPEN));
        }
        Snapshot before = first.snapshot();

        SampleSdnController second = start();
        Snapshot after = second.snapshot();
        assertEquals(before.ports(), after.ports());
        assertEquals(before.portGroups(), after.portGroups());
        assertEquals(before.inspectionPorts(), after.inspectionPorts());
        assertEquals(before.hooks(), after.hooks());
        assertEquals(before.counters().changes(), after.counters().changes());
        try (RedirectionSession s = second.openSession(VC)) {
            assertEquals(hook, s.getInspectionHook(hook.id()).orElseThrow());
            assertNotEquals(group.id(), s.registerPortGroup("sg-2", Set.of()).id(), "another group, another id");
        }
        try (var files = Files.list(dir.resolve("sample-sdn"))) {
            assertEquals(List.of("state.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary files left behind");
        }
    }

    @Test
    void unreadableState_failsLoudly() throws Exception {
        Files.createDirectories(dir.resolve("sample-sdn"));
        Files.writeString(dir.resolve("sample-sdn/state.json"), "{ not json");
        assertThrows(UncheckedIOException.class, this::start);
    }

    @Test
    void counters_separateCallsFromChanges() throws Exception {
        SampleSdnController sdn = start();
        try (RedirectionSession s = sdn.openSession(VC)) {
            NetworkElement web = s.getWorkloadPort(WEB);
            s.registerPortGroup("sg", Set.of(web));
            s.registerPortGroup("sg", Set.of(web));
            s.getWorkloadPort(WEB);
        }
        Map<String, Long> calls = sdn.snapshot().counters().calls();
        Map<String, Long> changes = sdn.snapshot().counters().changes();
        assertEquals(2L, calls.get("registerPortGroup"));
        assertEquals(1L, changes.get("registerPortGroup"), "the second register changed nothing");
        assertEquals(2L, calls.get("getWorkloadPort"));
        assertEquals(1L, changes.get("getWorkloadPort"), "the first lookup learned the port");
        assertEquals(1L, calls.get("openSession"));
    }

    @Test
    void drift_removesElementsWithTheirHooks_withoutCountingAsCalls() throws Exception {
        SampleSdnController sdn = start();
        try (RedirectionSession s = sdn.openSession(VC)) {
            NetworkElement vnf = s.getWorkloadPort(VNF);
            PortGroup group = s.registerPortGroup("sg", Set.of(s.getWorkloadPort(WEB)));
            InspectionPort ip = s.registerInspectionPort(vnf, vnf);
            InspectedElement sg = InspectedElement.portGroup(group.id());
            InspectionHook hook = s.installInspectionHook(
                    new InspectionHookSpec(sg, ip.id(), 5, TagEncapsulation.VXLAN, 1, FailurePolicy.NA));

            assertTrue(sdn.deleteInspectionPort(ip.id()));
            assertTrue(s.getInspectionHook(hook.id()).isEmpty(), "the hook went with its inspection port");
            assertTrue(s.getPortGroup(group.id()).isPresent());
            assertTrue(sdn.deletePortGroup(group.id()));
            assertFalse(sdn.deletePortGroup(group.id()));
            assertFalse(sdn.deleteHook("hook-404"));
        }
        assertNull(sdn.snapshot().counters().calls().get("deletePortGroup"), "drift is not an SPI call");
        assertTrue(start().snapshot().portGroups().isEmpty(), "drift is saved too");
    }

    @Test
    void unreachable_failsEveryCallTyped_untilReachableAgain() throws Exception {
        SampleSdnController sdn = start();
        RedirectionSession s = sdn.openSession(VC);
        sdn.setReachable(false);
        assertThrows(ControllerUnreachableException.class, () -> sdn.getStatus(VC));
        assertThrows(ControllerUnreachableException.class, () -> s.getWorkloadPort(WEB));
        assertFalse(sdn.snapshot().reachable());
        sdn.setReachable(true);
        assertEquals("SampleSdn", sdn.getStatus(VC).name());
        assertEquals("1.2.3", sdn.getStatus(VC).version());
        assertEquals("port-uid-1", s.getWorkloadPort(WEB).id());
    }

    @Test
    void getStatus_refusesEveryControllerAttribute_namingTheFirstKey() throws Exception {
        SampleSdnController sdn = start();
        VirtualizationConnectorElement withAttributes = new VirtualizationConnectorElement("vc", "KUBERNETES",
                Map.of("northbound", "tcp:127.0.0.1:6641", "clientKey", "PRIVATE"));
        SdnException refused = assertThrows(SdnException.class, () -> sdn.getStatus(withAttributes));
        assertEquals("clientKey: unknown attribute; the sample SDN controller takes none", refused.getMessage());
        assertFalse(refused instanceof ControllerUnreachableException, "the controller answered");
        assertFalse(refused.getMessage().contains("PRIVATE"), "never a value");
        assertEquals("SampleSdn", sdn.getStatus(VC).name(), "a connector without attributes is fine");
    }
}
