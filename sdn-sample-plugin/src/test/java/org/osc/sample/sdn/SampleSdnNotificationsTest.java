package org.osc.sample.sdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.sample.sdn.SampleSdnViews.PortGroupView;
import org.osc.sample.sdn.SampleSdnViews.PortRequest;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnNotifications;
import org.osc.sdn.api.contract.RecordingNotifications;
import org.osc.sdn.api.contract.RecordingNotifications.ElementChanged;
import org.osc.sdn.api.contract.RecordingNotifications.Notification;
import org.osc.sdn.api.contract.RecordingNotifications.WorkloadPortChanged;
import org.osc.sdn.api.element.ElementKind;
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

/** What the sample pushes to OSC for each admin change, to which connectors, and how it delivers. */
class SampleSdnNotificationsTest {

    private static final VirtualizationConnectorElement EAST =
            new VirtualizationConnectorElement("east", "KUBERNETES", Map.of());
    private static final VirtualizationConnectorElement WEST =
            new VirtualizationConnectorElement("west", "KUBERNETES", Map.of());
    private static final WorkloadIdentity WEB = new WorkloadIdentity("shop", "web-0", "uid-1", List.of("10.0.0.5"));
    private static final WorkloadIdentity VNF = new WorkloadIdentity("shop", "vnf-0", "uid-v", List.of("10.0.1.1"));

    @TempDir
    Path dir;

    private SampleSdnController sdn;
    private RecordingNotifications osc;

    @BeforeEach
    void start() {
        sdn = new SampleSdnController(dir.resolve("state.json"), "1.0.0");
        osc = new RecordingNotifications();
        sdn.startNotifications(osc);
    }

    @Test
    void toldPort_isPushedToEveryConnectorSeen_onceWhileUnchanged() throws Exception {
        sdn.getStatus(EAST);
        sdn.openSession(WEST).close();
        sdn.putPort("shop", "web-0", new PortRequest(null, null, List.of("10.0.0.5")));
        WorkloadIdentity told = new WorkloadIdentity("shop", "web-0", "", List.of("10.0.0.5"));
        assertEquals(List.of(new WorkloadPortChanged(EAST, told, false), new WorkloadPortChanged(WEST, told, false)),
                osc.received(), "sorted by connector name, told ports carry no uid");

        sdn.putPort("shop", "web-0", new PortRequest(null, null, List.of("10.0.0.5")));
        assertEquals(2, osc.received().size(), "telling the same port again changes nothing");
        sdn.putPort("shop", "web-0", new PortRequest(null, null, List.of("10.0.0.6")));
        assertEquals(new WorkloadPortChanged(EAST, new WorkloadIdentity("shop", "web-0", "", List.of("10.0.0.6")),
                false), osc.received().get(2), "a new address is a change");
    }

    @Test
    void beforeAnyConnectorIsSeen_nothingIsPushed() {
        sdn.putPort("shop", "web-0", new PortRequest(null, null, List.of("10.0.0.5")));
        assertEquals(List.of(), osc.received());
    }

    @Test
    void lookupsAndSessionCalls_areOscsOwn_andNotPushed() throws Exception {
        try (RedirectionSession s = sdn.openSession(EAST)) {
            NetworkElement web = s.getWorkloadPort(WEB);
            s.registerPortGroup("sg", Set.of(web));
            s.registerInspectionPort(s.getWorkloadPort(VNF), s.getWorkloadPort(VNF));
        }
        assertEquals(List.of(), osc.received());
    }

    @Test
    void deletedPort_isPushed_withTheGroupsItLeft() throws Exception {
        PortGroup group;
        try (RedirectionSession s = sdn.openSession(EAST)) {
            group = s.registerPortGroup("sg", Set.of(s.getWorkloadPort(WEB), s.getWorkloadPort(VNF)));
        }
        assertTrue(sdn.deletePort("shop", "web-0"));
        assertEquals(List.of(
                new WorkloadPortChanged(EAST, new WorkloadIdentity("shop", "web-0", "uid-1", List.of()), false),
                new ElementChanged(EAST, ElementKind.PORT_GROUP, group.id(), false)), osc.received());
        assertEquals(List.of("port-uid-v"), sdn.snapshot().portGroups().get(0).members().stream()
                .map(NetworkElement::id).toList(), "the port left its group");
        assertFalse(sdn.deletePort("shop", "web-0"));
        assertEquals(2, osc.received().size());
        try (RedirectionSession s = sdn.openSession(EAST)) {
            assertEquals("port-uid-1", s.getWorkloadPort(WEB).id(), "learned again on the next lookup");
        }
    }

    @Test
    void drift_pushesTheElementAndTheHooksThatWentWithIt() throws Exception {
        String[] ids = groupHookAndInspectionPort();
        assertTrue(sdn.deletePortGroup(ids[0]));
        assertEquals(List.of(new ElementChanged(EAST, ElementKind.PORT_GROUP, ids[0], false),
                new ElementChanged(EAST, ElementKind.INSPECTION_HOOK, ids[1], false)), osc.received());
        assertTrue(sdn.deleteInspectionPort(ids[2]));
        assertEquals(new ElementChanged(EAST, ElementKind.INSPECTION_PORT, ids[2], false), osc.received().get(2));
        assertEquals(3, osc.received().size(), "its hook had gone with the group");
        assertFalse(sdn.deleteHook(ids[1]));
        assertEquals(3, osc.received().size(), "nothing removed, nothing pushed");
    }

    @Test
    void deletedHook_isPushedAlone() throws Exception {
        String[] ids = groupHookAndInspectionPort();
        assertTrue(sdn.deleteHook(ids[1]));
        assertEquals(List.of(new ElementChanged(EAST, ElementKind.INSPECTION_HOOK, ids[1], false)), osc.received());
    }

    @Test
    void membersSetBehindOscsBack_arePushed_onlyWhenTheyDiffer() throws Exception {
        String[] ids = groupHookAndInspectionPort();
        Optional<PortGroupView> changed = sdn.setPortGroupMembers(ids[0], List.of("port-uid-v"));
        assertEquals(List.of("port-uid-v"), changed.orElseThrow().members().stream().map(NetworkElement::id).toList());
        assertEquals(List.of(new ElementChanged(EAST, ElementKind.PORT_GROUP, ids[0], false)), osc.received());

        sdn.setPortGroupMembers(ids[0], List.of("port-uid-v"));
        assertEquals(1, osc.received().size(), "same members, no change");
        assertThrows(IllegalArgumentException.class, () -> sdn.setPortGroupMembers(ids[0], List.of("no-such-port")));
        assertEquals(Optional.empty(), sdn.setPortGroupMembers("pg-404", List.of()));
        assertEquals(1, osc.received().size());
    }

    @Test
    void delivery_happensOutsideTheModelLock() throws Exception {
        sdn.getStatus(EAST);
        // OSC's side may hand the notification to a thread that calls the plugin at once: that must not wait
        // for the admin call that is delivering.
        CompletableFuture<Integer> portsSeenFromAnotherThread = new CompletableFuture<>();
        sdn.startNotifications(new ForwardingContext(osc) {
            @Override
            public void workloadPortChanged(VirtualizationConnectorElement connector, WorkloadIdentity workload) {
                CompletableFuture.supplyAsync(() -> sdn.snapshot().ports().size())
                        .orTimeout(5, TimeUnit.SECONDS)
                        .whenComplete((n, e) -> {
                            if (e != null) {
                                portsSeenFromAnotherThread.completeExceptionally(e);
                            } else {
                                portsSeenFromAnotherThread.complete(n);
                            }
                        })
                        .join();
                super.workloadPortChanged(connector, workload);
            }
        });
        sdn.putPort("shop", "web-0", new PortRequest(null, null, List.of("10.0.0.5")));
        assertEquals(1, portsSeenFromAnotherThread.get(1, TimeUnit.SECONDS), "the change is visible when pushed");
    }

    @Test
    void failingContext_doesNotFailTheAdminCall() throws Exception {
        sdn.getStatus(EAST);
        sdn.startNotifications(new ForwardingContext(osc) {
            @Override
            public void workloadPortChanged(VirtualizationConnectorElement connector, WorkloadIdentity workload) {
                throw new IllegalStateException("OSC is shutting down");
            }
        });
        assertEquals("port-shop-web-0",
                sdn.putPort("shop", "web-0", new PortRequest(null, null, List.of("10.0.0.5"))).portId());
    }

    @Test
    void invalidContext_isDropped_andStopIsFinal() throws Exception {
        sdn.getStatus(EAST);
        osc.invalidate();
        sdn.putPort("shop", "web-0", new PortRequest(null, null, List.of("10.0.0.5")));
        assertEquals(List.of(), osc.received());

        RecordingNotifications next = new RecordingNotifications();
        sdn.startNotifications(next);
        sdn.putPort("shop", "web-1", new PortRequest(null, null, List.of("10.0.0.6")));
        assertEquals(1, next.received().size());
        sdn.stopNotifications();
        sdn.putPort("shop", "web-2", new PortRequest(null, null, List.of("10.0.0.7")));
        assertEquals(1, next.received().size());
        assertThrows(NullPointerException.class, () -> sdn.startNotifications(null));
    }

    @Test
    void aConnectorSeenAgain_isNamedAsOscLastPassedIt() throws Exception {
        sdn.getStatus(EAST);
        VirtualizationConnectorElement moved = new VirtualizationConnectorElement("east", "KUBERNETES",
                Map.of("domain", "e2"));
        sdn.openSession(moved).close();
        sdn.putPort("shop", "web-0", new PortRequest(null, null, List.of("10.0.0.5")));
        sdn.deletePort("shop", "web-0");
        assertEquals(2, osc.received().size(), "one connector of that name");
        for (Notification n : osc.received()) {
            assertEquals(moved, n.connector());
        }
    }

    /** Registers, on EAST, a port group hooked to an inspection port; returns group, hook and port ids. */
    private String[] groupHookAndInspectionPort() throws Exception {
        try (RedirectionSession s = sdn.openSession(EAST)) {
            NetworkElement vnf = s.getWorkloadPort(VNF);
            PortGroup group = s.registerPortGroup("sg", Set.of(s.getWorkloadPort(WEB)));
            InspectionPort ip = s.registerInspectionPort(vnf, vnf);
            InspectionHook hook = s.installInspectionHook(new InspectionHookSpec(InspectedElement.portGroup(group.id()),
                    ip.id(), 7, TagEncapsulation.VLAN, 1, FailurePolicy.NA));
            return new String[] {group.id(), hook.id(), ip.id()};
        }
    }

    /** A context passing everything on to another, for tests that change one method. */
    private static class ForwardingContext implements SdnNotifications {

        private final SdnNotifications target;

        ForwardingContext(SdnNotifications target) {
            this.target = target;
        }

        @Override
        public void workloadPortChanged(VirtualizationConnectorElement connector, WorkloadIdentity workload) {
            target.workloadPortChanged(connector, workload);
        }

        @Override
        public void elementChanged(VirtualizationConnectorElement connector, ElementKind kind, String elementId) {
            target.elementChanged(connector, kind, elementId);
        }

        @Override
        public boolean isValid() {
            return target.isValid();
        }
    }
}
