package org.osc.api.manager.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osc.api.manager.ManagerObjectNotFoundException;
import org.osc.api.manager.ManagerValidationException;
import org.osc.api.manager.element.DeviceElement;
import org.osc.api.manager.element.DeviceMemberElement;
import org.osc.api.manager.element.DeviceMemberSpec;
import org.osc.api.manager.element.DeviceSpec;

/** Contract part: devices and device members. */
public abstract class DeviceContract extends ConnectionContract {

    @Test
    public void createDevice_roundTrips() throws Exception {
        DeviceSpec spec = new DeviceSpec(unique("device"), unique("vs"), domainWithPolicies().id());
        DeviceElement device = devices().createDevice(spec);
        afterTest(() -> devices().deleteDevice(device.id()));

        assertEquals(spec, device.toSpec());
        assertEquals(device, devices().getDevice(device.id()).orElseThrow());
        assertTrue(devices().listDevices().contains(device), "listed");
    }

    @Test
    public void createDevice_withExistingVirtualSystem_returnsExistingUnchanged() throws Exception {
        DeviceElement first = newDevice();
        DeviceElement again = devices().createDevice(new DeviceSpec("other-name", first.virtualSystemId(),
                first.domainId()));

        assertEquals(first, again);
        assertEquals(1, devices().listDevices().stream()
                .filter(d -> d.virtualSystemId().equals(first.virtualSystemId())).count());
    }

    @Test
    public void createDevice_rejectsBlankNameAndUnknownDomain() throws Exception {
        String domainId = domainWithPolicies().id();
        assertThrows(ManagerValidationException.class,
                () -> devices().createDevice(new DeviceSpec(" ", unique("vs"), domainId)));
        assertThrows(ManagerValidationException.class,
                () -> devices().createDevice(new DeviceSpec(unique("device"), unique("vs"), unique("no-domain"))));
    }

    @Test
    public void updateDevice_changesNameAndIsRepeatable() throws Exception {
        DeviceElement device = newDevice();
        DeviceSpec renamed = new DeviceSpec(unique("renamed"), device.virtualSystemId(), device.domainId());

        DeviceElement updated = devices().updateDevice(device.id(), renamed);
        assertEquals(device.id(), updated.id());
        assertEquals(renamed, updated.toSpec());
        assertEquals(updated, devices().updateDevice(device.id(), renamed));
        assertEquals(updated, devices().getDevice(device.id()).orElseThrow());
    }

    @Test
    public void updateDevice_unknownIsNotFound_andVirtualSystemIsFixed() throws Exception {
        DeviceElement device = newDevice();
        assertThrows(ManagerObjectNotFoundException.class, () -> devices().updateDevice(unique("no-device"),
                device.toSpec()));
        assertThrows(ManagerValidationException.class, () -> devices().updateDevice(device.id(),
                new DeviceSpec(device.name(), unique("other-vs"), device.domainId())));
    }

    @Test
    public void deleteDevice_removesItAndIsIdempotent() throws Exception {
        DeviceElement device = newDevice();
        devices().deleteDevice(device.id());

        assertTrue(devices().getDevice(device.id()).isEmpty());
        assertTrue(devices().listDevices().stream().noneMatch(d -> d.id().equals(device.id())));
        devices().deleteDevice(device.id());
        devices().deleteDevice(unique("never-existed"));
    }

    @Test
    public void deviceMembers_roundTrip() throws Exception {
        DeviceElement device = newDevice();
        DeviceMemberSpec spec = new DeviceMemberSpec(unique("vnf"), List.of("10.2.0.5"));

        DeviceMemberElement member = devices().createDeviceMember(device.id(), spec);
        assertEquals(spec, member.toSpec());
        assertEquals(device.id(), member.deviceId());
        assertEquals(List.of(member), devices().listDeviceMembers(device.id()));

        DeviceMemberSpec moved = new DeviceMemberSpec(spec.name(), List.of("10.2.0.6", "fd00::6"));
        DeviceMemberElement updated = devices().updateDeviceMember(device.id(), member.id(), moved);
        assertEquals(moved, updated.toSpec());
        assertEquals(updated, devices().updateDeviceMember(device.id(), member.id(), moved));
        assertEquals(List.of(updated), devices().listDeviceMembers(device.id()));

        devices().deleteDeviceMember(device.id(), member.id());
        assertEquals(List.of(), devices().listDeviceMembers(device.id()));
        devices().deleteDeviceMember(device.id(), member.id());
    }

    @Test
    public void createDeviceMember_withExistingName_returnsExistingUnchanged() throws Exception {
        DeviceElement device = newDevice();
        DeviceMemberElement first = devices().createDeviceMember(device.id(),
                new DeviceMemberSpec("vnf-0", List.of("10.2.0.7")));
        DeviceMemberElement again = devices().createDeviceMember(device.id(),
                new DeviceMemberSpec("vnf-0", List.of("10.2.0.8")));

        assertEquals(first, again);
        assertEquals(List.of(first), devices().listDeviceMembers(device.id()));
    }

    @Test
    public void deviceMembers_ofUnknownDevice_areNotFound() throws Exception {
        DeviceElement device = newDevice();
        String missing = unique("no-device");
        DeviceMemberSpec spec = new DeviceMemberSpec("vnf-0", List.of("10.2.0.9"));
        assertThrows(ManagerObjectNotFoundException.class, () -> devices().createDeviceMember(missing, spec));
        assertThrows(ManagerObjectNotFoundException.class, () -> devices().listDeviceMembers(missing));
        assertThrows(ManagerObjectNotFoundException.class,
                () -> devices().updateDeviceMember(device.id(), unique("no-member"), spec));
        devices().deleteDeviceMember(missing, unique("no-member"));
    }

    @Test
    public void deviceMembers_rejectInvalidInput() throws Exception {
        DeviceElement device = newDevice();
        assertThrows(ManagerValidationException.class,
                () -> devices().createDeviceMember(device.id(), new DeviceMemberSpec("", List.of("10.2.0.10"))));
        assertThrows(ManagerValidationException.class, () -> devices().createDeviceMember(device.id(),
                new DeviceMemberSpec("vnf-0", List.of("not-an-ip"))));

        DeviceMemberElement a = devices().createDeviceMember(device.id(), new DeviceMemberSpec("vnf-a", List.of()));
        devices().createDeviceMember(device.id(), new DeviceMemberSpec("vnf-b", List.of()));
        assertThrows(ManagerValidationException.class, () -> devices().updateDeviceMember(device.id(), a.id(),
                new DeviceMemberSpec("vnf-b", List.of())));
    }

    @Test
    public void deleteDevice_removesItsMembers() throws Exception {
        DeviceElement device = newDevice();
        devices().createDeviceMember(device.id(), new DeviceMemberSpec("vnf-0", List.of("10.2.0.11")));
        devices().deleteDevice(device.id());

        assertThrows(ManagerObjectNotFoundException.class, () -> devices().listDeviceMembers(device.id()));
        DeviceElement recreated = devices().createDevice(device.toSpec());
        afterTest(() -> devices().deleteDevice(recreated.id()));
        assertEquals(List.of(), devices().listDeviceMembers(recreated.id()));
    }
}
