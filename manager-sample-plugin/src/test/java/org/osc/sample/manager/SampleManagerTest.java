package org.osc.sample.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.api.manager.ManagerAuthenticationException;
import org.osc.api.manager.ManagerValidationException;
import org.osc.api.manager.element.DeviceElement;
import org.osc.api.manager.element.DeviceMemberSpec;
import org.osc.api.manager.element.DeviceMemberStatusElement;
import org.osc.api.manager.element.DeviceSpec;
import org.osc.api.manager.element.ManagerConnectorElement;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupInterfaceSpec;
import org.osc.api.manager.element.SecurityGroupMemberElement;
import org.osc.api.manager.element.SecurityGroupSpec;

/** What the sample adds to the contract: persistence, counters, seeded data, drift, derived status. */
class SampleManagerTest {

    private static final ManagerConnectorElement ADMIN =
            ManagerConnectorElement.withPassword("sample", "10.3.0.2", "admin", "admin123");

    @TempDir
    Path dir;
    private Path file;
    private SampleManager manager;

    @BeforeEach
    void setUp() {
        file = dir.resolve("sample-manager").resolve("state.json");
        manager = new SampleManager(file);
    }

    private DeviceElement device(String vs) throws Exception {
        return manager.createDeviceApi(ADMIN).createDevice(new DeviceSpec("device-" + vs, vs, "domain-1"));
    }

    private SecurityGroupElement group(String oscId) throws Exception {
        return manager.createSecurityGroupApi(ADMIN).createSecurityGroup(new SecurityGroupSpec("group-" + oscId,
                oscId, List.of(new SecurityGroupMemberElement("web-1", "shop", List.of("10.1.0.11"), List.of()))));
    }

    private SecurityGroupInterfaceSpec mapping(DeviceElement device, SecurityGroupElement group, String policy) {
        return new SecurityGroupInterfaceSpec("binding", "b-1", group.id(), device.id(), Set.of(policy), "", 1);
    }

    @Test
    void firstStart_seedsDomainsWithPoliciesAndWritesTheFile() {
        assertTrue(Files.isRegularFile(file));
        SampleViews.DomainView defaultDomain = manager.domains().get(0);
        assertEquals("Default Domain", defaultDomain.name());
        assertEquals(List.of("Allow All", "Block Malware", "Inspect Web"),
                defaultDomain.policies().stream().map(p -> p.name()).toList());
    }

    @Test
    void state_survivesRestart() throws Exception {
        DeviceElement device = device("vs-1");
        manager.createDeviceApi(ADMIN).createDeviceMember(device.id(), new DeviceMemberSpec("vnf-0", List.of("10.2.0.5")));
        SecurityGroupElement group = group("sg-1");
        manager.createSecurityGroupInterfaceApi(ADMIN).createSecurityGroupInterface(mapping(device, group, "policy-3"));

        SampleManager restarted = new SampleManager(file);
        assertEquals(manager.devices(), restarted.devices());
        assertEquals(manager.securityGroups(), restarted.securityGroups());
        assertEquals(manager.securityGroupInterfaces(), restarted.securityGroupInterfaces());
        assertEquals(device, restarted.createDeviceApi(ADMIN).createDevice(device.toSpec()));
        DeviceElement next = restarted.createDeviceApi(ADMIN).createDevice(new DeviceSpec("d", "vs-2", "domain-1"));
        assertFalse(manager.devices().stream().anyMatch(d -> d.id().equals(next.id())), "ids are never reused");
    }

    @Test
    void repeatedCreate_isCountedAsCallButNotAsChange() throws Exception {
        device("vs-1");
        device("vs-1");
        SampleViews.OperationCount count = manager.summary().operations().get("createDevice");
        assertEquals(new SampleViews.OperationCount(2, 1), count);
        assertEquals(1, manager.summary().devices());
    }

    @Test
    void failedCall_changesNothing() throws Exception {
        DeviceElement device = device("vs-1");
        SecurityGroupElement group = group("sg-1");
        String before = Files.readString(file);

        assertThrows(ManagerValidationException.class, () -> manager.createSecurityGroupInterfaceApi(ADMIN)
                .createSecurityGroupInterface(mapping(device, group, "policy-6")));
        assertEquals(before, Files.readString(file));
        assertEquals(new SampleViews.OperationCount(1, 0),
                manager.summary().operations().get("createSecurityGroupInterface"));
    }

    @Test
    void writes_leaveNoTemporaryFiles() throws Exception {
        device("vs-1");
        group("sg-1");
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void credentials_areConfigurable() throws Exception {
        SampleManager custom = new SampleManager(file, new SampleCredentials("ops", "s3cret"));
        custom.checkConnection(ManagerConnectorElement.withPassword("c", "10.3.0.2", "ops", "s3cret"));
        assertThrows(ManagerAuthenticationException.class, () -> custom.checkConnection(ADMIN));
        custom.setCredentials(SampleCredentials.DEFAULT);
        custom.checkConnection(ADMIN);
    }

    @Test
    void blankAddress_isRejected() {
        assertThrows(ManagerValidationException.class,
                () -> manager.checkConnection(ManagerConnectorElement.withPassword("c", " ", "admin", "admin123")));
    }

    @Test
    void unreachableMarker_isAnyHostInTheInvalidDomain() {
        for (String address : List.of("unreachable.invalid", "https://mgr.INVALID:8443/api", "mgr.invalid.", "invalid")) {
            assertTrue(SampleManager.isUnreachableAddress(address), address);
        }
        for (String address : List.of("10.3.0.2", "invalid.example.com", "https://[fd00::1]:443", "mgr.local")) {
            assertFalse(SampleManager.isUnreachableAddress(address), address);
        }
    }

    @Test
    void externalDelete_cascadesAndIsCountedSeparately() throws Exception {
        DeviceElement device = device("vs-1");
        manager.createDeviceApi(ADMIN).createDeviceMember(device.id(), new DeviceMemberSpec("vnf-0", List.of()));
        SecurityGroupElement group = group("sg-1");
        manager.createSecurityGroupInterfaceApi(ADMIN).createSecurityGroupInterface(mapping(device, group, "policy-2"));

        assertTrue(manager.removeDevice(device.id()));
        assertFalse(manager.removeDevice(device.id()));
        SampleViews.SummaryView summary = manager.summary();
        assertEquals(0, summary.devices());
        assertEquals(0, summary.deviceMembers());
        assertEquals(0, summary.securityGroupInterfaces());
        assertEquals(new SampleViews.OperationCount(2, 1), summary.operations().get("external.deleteDevice"));
        assertTrue(manager.removeSecurityGroup(group.id()));
        assertEquals(0, manager.summary().securityGroups());
    }

    @Test
    void memberStatus_becomesReadyOnceTheDeviceHasAMapping() throws Exception {
        DeviceElement device = device("vs-1");
        manager.createDeviceApi(ADMIN).createDeviceMember(device.id(), new DeviceMemberSpec("vnf-0", List.of("10.2.0.5")));
        DeviceMemberStatusElement before = manager.createDeviceStatusApi(ADMIN).getDeviceMemberStatus(device.id()).get(0);
        assertTrue(before.discovered());
        assertFalse(before.inspectionReady());

        manager.createSecurityGroupInterfaceApi(ADMIN)
                .createSecurityGroupInterface(mapping(device, group("sg-1"), "policy-4"));
        DeviceMemberStatusElement after = manager.createDeviceStatusApi(ADMIN).getDeviceMemberStatus(device.id()).get(0);
        assertTrue(after.inspectionReady());
        assertEquals(Map.of("policyMappings", 1L, "protectedPods", 1L), after.counters());
    }

    @Test
    void unreadableStateFile_failsInsteadOfStartingEmpty() throws Exception {
        Files.writeString(file, "{ not json");
        assertThrows(UncheckedIOException.class, () -> new SampleManager(file));
        assertEquals("{ not json", Files.readString(file));
    }

    @Test
    void ipCheck_acceptsLiteralsOnly() {
        for (String ip : List.of("10.0.0.1", "255.255.255.255", "fd00::1", "::ffff:10.0.0.1", "2001:db8::8a2e:370:7334")) {
            assertTrue(Checks.isIpLiteral(ip), ip);
        }
        for (String ip : List.of("10.0.0.256", "01.2.3.4x", "localhost", "fd00::g", "1.2.3", "", ":::")) {
            assertFalse(Checks.isIpLiteral(ip), ip);
        }
    }
}
