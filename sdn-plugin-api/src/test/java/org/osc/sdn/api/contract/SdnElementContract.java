package org.osc.sdn.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osc.sdn.api.NotSupportedException;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.sdn.api.element.ControllerStatus;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * Contract tests for status, sessions, workload ports, port groups and inspection ports. Part of
 * {@link SdnControllerContractTest}; extend that class.
 */
public abstract class SdnElementContract extends SdnContractFixture {

    private static final NetworkElement UNKNOWN_PORT =
            new NetworkElement("osc-contract-no-such-port", List.of(), List.of("10.255.255.1"), "");

    @Test
    public void serviceProperties_declareEveryCapability() {
        Map<String, Object> props = serviceProperties();
        assertInstanceOf(String.class, props.get(SdnPluginProperties.PLUGIN_NAME));
        assertFalse(((String) props.get(SdnPluginProperties.PLUGIN_NAME)).isBlank());
        for (String flag : List.of(SdnPluginProperties.SUPPORTS_PORT_GROUP,
                SdnPluginProperties.SUPPORTS_FAILURE_POLICY, SdnPluginProperties.SUPPORTS_OFFBOX_REDIRECTION,
                SdnPluginProperties.SUPPORTS_SFC)) {
            assertInstanceOf(Boolean.class, props.get(flag), flag + " must be a Boolean");
        }
        assertFalse(encapsulations().isEmpty(), "at least one encapsulation must be advertised");
    }

    @Test
    public void getStatus_ofFreshController_isReady() throws Exception {
        ControllerStatus status = controller.getStatus(connector());
        assertTrue(status.ready(), "a fresh controller must be ready: " + status);
    }

    @Test
    public void closedSession_rejectsCalls_andClosesTwiceQuietly() {
        session.close();
        session.close();
        assertThrows(IllegalStateException.class, () -> session.getPortGroup("any"));
    }

    @Test
    public void blankIds_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> session.getPortGroup(" "));
        assertThrows(IllegalArgumentException.class, () -> session.deletePortGroup(""));
        assertThrows(IllegalArgumentException.class, () -> session.getInspectionPort(" "));
        assertThrows(IllegalArgumentException.class, () -> session.removeInspectionPort(""));
        assertThrows(IllegalArgumentException.class, () -> session.getInspectionHook(" "));
        assertThrows(IllegalArgumentException.class, () -> session.removeInspectionHook(""));
        assertThrows(RuntimeException.class, () -> session.getWorkloadPort(null));
        assertThrows(RuntimeException.class, () -> session.registerInspectionPort(null, null));
    }

    @Test
    public void getWorkloadPort_findsKnownWorkload_stably() throws Exception {
        WorkloadIdentity pod = workload("web-1");
        givenWorkload(pod);
        NetworkElement port = session.getWorkloadPort(pod);
        assertTrue(port.ipAddresses().containsAll(pod.ipAddresses()), "port carries the pod's IP: " + port);
        assertEquals(port, session.getWorkloadPort(pod), "a second lookup returns the same port");
    }

    @Test
    public void getWorkloadPort_ofUnknownPodWithoutIp_isNotFound() {
        WorkloadIdentity pod = new WorkloadIdentity(NAMESPACE, "never-seen", "uid-never-seen", List.of());
        assertNotFound(ElementKind.WORKLOAD, () -> session.getWorkloadPort(pod));
    }

    @Test
    public void portGroup_roundTrip() throws Exception {
        assumeTrue(supports(SdnPluginProperties.SUPPORTS_PORT_GROUP));
        NetworkElement a = port("pg-a");
        NetworkElement b = port("pg-b");
        PortGroup created = session.registerPortGroup("sg-round-trip", Set.of(a));
        assertEquals("sg-round-trip", created.name());
        assertEquals(Set.of(a), created.members());
        assertEquals(Optional.of(created), session.getPortGroup(created.id()));

        PortGroup updated = session.updatePortGroup(created.id(), Set.of(a, b));
        assertEquals(created.id(), updated.id());
        assertEquals(Set.of(a, b), session.getPortGroup(created.id()).orElseThrow().members());

        assertEquals(Set.of(), session.updatePortGroup(created.id(), Set.of()).members(), "may become empty");
        session.deletePortGroup(created.id());
        assertEquals(Optional.empty(), session.getPortGroup(created.id()));
    }

    @Test
    public void registerPortGroup_twice_yieldsOneGroup() throws Exception {
        assumeTrue(supports(SdnPluginProperties.SUPPORTS_PORT_GROUP));
        NetworkElement a = port("twice-a");
        PortGroup first = session.registerPortGroup("sg-twice", Set.of(a));
        PortGroup second = session.registerPortGroup("sg-twice", Set.of(a));
        assertEquals(first, second);
    }

    @Test
    public void registerPortGroup_existingName_replacesMembersInPlace() throws Exception {
        assumeTrue(supports(SdnPluginProperties.SUPPORTS_PORT_GROUP));
        NetworkElement a = port("replace-a");
        NetworkElement b = port("replace-b");
        PortGroup first = session.registerPortGroup("sg-replace", Set.of(a));
        PortGroup second = session.registerPortGroup("sg-replace", Set.of(b));
        assertEquals(first.id(), second.id());
        assertEquals(Set.of(b), session.getPortGroup(first.id()).orElseThrow().members());
        PortGroup other = session.registerPortGroup("sg-replace-other", Set.of(b));
        assertNotEquals(first.id(), other.id(), "another name is another group");
    }

    @Test
    public void portGroup_errors_areTyped() throws Exception {
        assumeTrue(supports(SdnPluginProperties.SUPPORTS_PORT_GROUP));
        assertNotFound(ElementKind.PORT, () -> session.registerPortGroup("sg-unknown-member", Set.of(UNKNOWN_PORT)));
        assertNotFound(ElementKind.PORT_GROUP, () -> session.updatePortGroup("osc-contract-no-such-group", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> session.registerPortGroup(" ", Set.of()));
        assertEquals(Optional.empty(), session.getPortGroup("osc-contract-no-such-group"));
    }

    @Test
    public void deletePortGroup_whenGone_isNoOp() throws Exception {
        assumeTrue(supports(SdnPluginProperties.SUPPORTS_PORT_GROUP));
        PortGroup group = session.registerPortGroup("sg-delete", Set.of(port("delete-a")));
        session.deletePortGroup(group.id());
        session.deletePortGroup(group.id());
        session.deletePortGroup("osc-contract-no-such-group");
        assertEquals(Optional.empty(), session.getPortGroup(group.id()));
    }

    @Test
    public void portGroups_whenNotAdvertised_areNotSupported() throws Exception {
        assumeFalse(supports(SdnPluginProperties.SUPPORTS_PORT_GROUP));
        NetworkElement a = port("unsupported-a");
        assertThrows(NotSupportedException.class, () -> session.registerPortGroup("sg-unsupported", Set.of(a)));
    }

    @Test
    public void inspectionPort_roundTrip() throws Exception {
        NetworkElement in = port("vnf-in");
        NetworkElement out = port("vnf-out");
        InspectionPort registered = session.registerInspectionPort(in, out);
        assertEquals(in, registered.ingress());
        assertEquals(out, registered.egress());
        assertEquals(Optional.of(registered), session.getInspectionPort(registered.id()));

        session.removeInspectionPort(registered.id());
        assertEquals(Optional.empty(), session.getInspectionPort(registered.id()));
    }

    @Test
    public void registerInspectionPort_twice_yieldsOne_andSinglePortIsAllowed() throws Exception {
        NetworkElement vnf = port("vnf-single");
        InspectionPort first = session.registerInspectionPort(vnf, vnf);
        InspectionPort second = session.registerInspectionPort(vnf, vnf);
        assertEquals(first, second);
        assertEquals(first.ingress(), first.egress());
    }

    @Test
    public void registerInspectionPort_sameIngress_updatesInPlace() throws Exception {
        NetworkElement in = port("vnf-update-in");
        NetworkElement out = port("vnf-update-out");
        InspectionPort single = session.registerInspectionPort(in, in);
        InspectionPort pair = session.registerInspectionPort(in, out);
        assertEquals(single.id(), pair.id());
        assertEquals(out, session.getInspectionPort(single.id()).orElseThrow().egress());
    }

    @Test
    public void inspectionPort_errors_andRemovalOfMissing() throws Exception {
        NetworkElement vnf = port("vnf-errors");
        assertNotFound(ElementKind.PORT, () -> session.registerInspectionPort(UNKNOWN_PORT, UNKNOWN_PORT));
        assertNotFound(ElementKind.PORT, () -> session.registerInspectionPort(vnf, UNKNOWN_PORT));
        assertEquals(Optional.empty(), session.getInspectionPort("osc-contract-no-such-inspection-port"));
        session.removeInspectionPort("osc-contract-no-such-inspection-port");
        InspectionPort registered = session.registerInspectionPort(vnf, vnf);
        session.removeInspectionPort(registered.id());
        session.removeInspectionPort(registered.id());
    }
}
