package org.osc.api.manager.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.osc.api.manager.ManagerDeviceStatusApi;
import org.osc.api.manager.ManagerObjectNotFoundException;
import org.osc.api.manager.ManagerPluginProperties;
import org.osc.api.manager.ManagerValidationException;
import org.osc.api.manager.element.DeviceElement;
import org.osc.api.manager.element.DeviceMemberElement;
import org.osc.api.manager.element.DeviceMemberSpec;
import org.osc.api.manager.element.DeviceMemberStatusElement;
import org.osc.api.manager.element.PolicyElement;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupInterfaceElement;
import org.osc.api.manager.element.SecurityGroupInterfaceSpec;

/**
 * The security-manager SPI contract. A plugin's test extends this class and implements the hooks of
 * {@link ManagerContractBase}; the inherited tests check connection errors, domains, devices and members,
 * security groups, policy mappings and device status, running the optional parts only for the capabilities
 * the plugin declares. Each test creates uniquely keyed objects and deletes them afterwards.
 */
public abstract class ApplianceManagerContractTest extends SecurityGroupContract {

    private SecurityGroupInterfaceSpec mappingSpec(DeviceElement device, SecurityGroupElement group,
            Set<String> policyIds, long order) {
        return new SecurityGroupInterfaceSpec(unique("binding"), unique("b"), group.id(), device.id(), policyIds,
                "tag-" + order, order);
    }

    private Set<String> firstPolicy() throws Exception {
        return Set.of(policiesOf(domainWithPolicies()).get(0).id());
    }

    private SecurityGroupInterfaceElement newMapping(DeviceElement device, SecurityGroupElement group)
            throws Exception {
        SecurityGroupInterfaceElement mapping = interfaces().createSecurityGroupInterface(
                mappingSpec(device, group, firstPolicy(), 10));
        afterTest(() -> interfaces().deleteSecurityGroupInterface(mapping.id()));
        return mapping;
    }

    @Test
    public void createSecurityGroupInterface_roundTrips() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_POLICY_MAPPING);
        SecurityGroupInterfaceSpec spec = mappingSpec(newDevice(), newGroup(), firstPolicy(), 10);
        SecurityGroupInterfaceElement mapping = interfaces().createSecurityGroupInterface(spec);
        afterTest(() -> interfaces().deleteSecurityGroupInterface(mapping.id()));

        assertEquals(spec, mapping.toSpec());
        assertEquals(mapping, interfaces().getSecurityGroupInterface(mapping.id()).orElseThrow());
        assertTrue(interfaces().listSecurityGroupInterfaces().contains(mapping), "listed");
    }

    @Test
    public void createSecurityGroupInterface_withExistingBinding_returnsExistingUnchanged() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_POLICY_MAPPING);
        SecurityGroupInterfaceElement first = newMapping(newDevice(), newGroup());
        SecurityGroupInterfaceSpec changed = new SecurityGroupInterfaceSpec("other-name", first.oscBindingId(),
                first.securityGroupId(), first.deviceId(), first.policyIds(), "other-tag", 99);

        assertEquals(first, interfaces().createSecurityGroupInterface(changed));
        assertEquals(1, interfaces().listSecurityGroupInterfaces().stream()
                .filter(i -> i.oscBindingId().equals(first.oscBindingId())).count());
    }

    @Test
    public void updateSecurityGroupInterface_changesOrderAndTagAndIsRepeatable() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_POLICY_MAPPING);
        SecurityGroupInterfaceElement mapping = newMapping(newDevice(), newGroup());
        SecurityGroupInterfaceSpec next = new SecurityGroupInterfaceSpec(mapping.name(), mapping.oscBindingId(),
                mapping.securityGroupId(), mapping.deviceId(), mapping.policyIds(), "tag-20", 20);

        SecurityGroupInterfaceElement updated = interfaces().updateSecurityGroupInterface(mapping.id(), next);
        assertEquals(next, updated.toSpec());
        assertEquals(updated, interfaces().updateSecurityGroupInterface(mapping.id(), next));
        assertEquals(updated, interfaces().getSecurityGroupInterface(mapping.id()).orElseThrow());

        assertThrows(ManagerObjectNotFoundException.class,
                () -> interfaces().updateSecurityGroupInterface(unique("no-mapping"), next));
        assertThrows(ManagerValidationException.class, () -> interfaces().updateSecurityGroupInterface(
                mapping.id(), new SecurityGroupInterfaceSpec(next.name(), unique("other-b"), next.securityGroupId(),
                        next.deviceId(), next.policyIds(), next.tag(), next.order())));
    }

    @Test
    public void createSecurityGroupInterface_rejectsInvalidReferences() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_POLICY_MAPPING);
        DeviceElement device = newDevice();
        SecurityGroupElement group = newGroup();
        Set<String> policy = firstPolicy();
        SecurityGroupInterfaceSpec good = mappingSpec(device, group, policy, 10);

        assertThrows(ManagerValidationException.class, () -> interfaces().createSecurityGroupInterface(
                new SecurityGroupInterfaceSpec(good.name(), good.oscBindingId(), group.id(), unique("no-device"),
                        policy, "", 10)));
        assertThrows(ManagerValidationException.class, () -> interfaces().createSecurityGroupInterface(
                new SecurityGroupInterfaceSpec(good.name(), good.oscBindingId(), unique("no-group"), device.id(),
                        policy, "", 10)));
        assertThrows(ManagerValidationException.class,
                () -> interfaces().createSecurityGroupInterface(mappingSpec(device, group, Set.of(unique("no-pol")), 10)));
        assertThrows(ManagerValidationException.class,
                () -> interfaces().createSecurityGroupInterface(mappingSpec(device, group, Set.of(), 10)));
        assertThrows(ManagerValidationException.class,
                () -> interfaces().createSecurityGroupInterface(mappingSpec(device, group, policy, -1)));
        assertThrows(ManagerValidationException.class, () -> interfaces().createSecurityGroupInterface(
                new SecurityGroupInterfaceSpec(" ", good.oscBindingId(), group.id(), device.id(), policy, "", 10)));
    }

    @Test
    public void createSecurityGroupInterface_withSeveralPolicies_followsTheCapability() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_POLICY_MAPPING);
        List<PolicyElement> policies = policiesOf(domainWithPolicies());
        assumeTrue(policies.size() >= 2, "needs a domain with two policies");
        Set<String> two = policies.stream().limit(2).map(PolicyElement::id).collect(Collectors.toSet());
        SecurityGroupInterfaceSpec spec = mappingSpec(newDevice(), newGroup(), two, 30);

        if (declares(ManagerPluginProperties.SUPPORTS_MULTIPLE_POLICIES)) {
            SecurityGroupInterfaceElement mapping = interfaces().createSecurityGroupInterface(spec);
            afterTest(() -> interfaces().deleteSecurityGroupInterface(mapping.id()));
            assertEquals(two, mapping.policyIds());
        } else {
            assertThrows(ManagerValidationException.class, () -> interfaces().createSecurityGroupInterface(spec));
        }
    }

    @Test
    public void deleteSecurityGroupInterface_removesItAndIsIdempotent() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_POLICY_MAPPING);
        SecurityGroupInterfaceElement mapping = newMapping(newDevice(), newGroup());
        interfaces().deleteSecurityGroupInterface(mapping.id());

        assertTrue(interfaces().getSecurityGroupInterface(mapping.id()).isEmpty());
        interfaces().deleteSecurityGroupInterface(mapping.id());
        interfaces().deleteSecurityGroupInterface(unique("never-existed"));
    }

    @Test
    public void deletingGroupOrDevice_removesTheirMappings() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_POLICY_MAPPING);
        DeviceElement device = newDevice();
        SecurityGroupElement group = newGroup();
        SecurityGroupInterfaceElement byGroup = newMapping(device, group);
        SecurityGroupInterfaceElement byDevice = newMapping(device, newGroup());

        groups().deleteSecurityGroup(group.id());
        assertTrue(interfaces().getSecurityGroupInterface(byGroup.id()).isEmpty(), "mapping of deleted group");
        devices().deleteDevice(device.id());
        assertTrue(interfaces().getSecurityGroupInterface(byDevice.id()).isEmpty(), "mapping of deleted device");
    }

    @Test
    public void deviceMemberStatus_coversEveryMember() throws Exception {
        assumeDeclares(ManagerPluginProperties.PROVIDES_DEVICE_STATUS);
        DeviceElement device = newDevice();
        DeviceMemberElement member = devices().createDeviceMember(device.id(),
                new DeviceMemberSpec("vnf-0", List.of("10.2.0.20")));
        try (ManagerDeviceStatusApi status = manager.createDeviceStatusApi(validConnector())) {
            List<DeviceMemberStatusElement> all = status.getDeviceMemberStatus(device.id());
            assertEquals(1, all.size());
            assertEquals(member.id(), all.get(0).memberId());
            assertEquals(member.name(), all.get(0).memberName());
            assertThrows(ManagerObjectNotFoundException.class,
                    () -> status.getDeviceMemberStatus(unique("no-device")));
        }
    }
}
