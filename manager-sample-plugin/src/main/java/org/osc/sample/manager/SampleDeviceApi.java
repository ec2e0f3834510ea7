package org.osc.sample.manager;

import java.util.List;
import java.util.Optional;

import org.osc.api.manager.ManagerDeviceApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerValidationException;
import org.osc.api.manager.element.DeviceElement;
import org.osc.api.manager.element.DeviceMemberElement;
import org.osc.api.manager.element.DeviceMemberSpec;
import org.osc.api.manager.element.DeviceSpec;

/** Devices and device members of the sample manager, with the SPI's idempotency and error rules. */
final class SampleDeviceApi implements ManagerDeviceApi {

    private final SampleRepository repository;

    SampleDeviceApi(SampleRepository repository) {
        this.repository = repository;
    }

    @Override
    public DeviceElement createDevice(DeviceSpec spec) throws ManagerException {
        return repository.write("createDevice", inventory -> {
            validate(inventory, spec);
            Optional<DeviceElement> existing = inventory.deviceOfVirtualSystem(spec.virtualSystemId());
            if (existing.isPresent()) {
                return existing.get();
            }
            DeviceElement device = new DeviceElement(inventory.newId("device"), spec.name(), spec.virtualSystemId(),
                    spec.domainId());
            inventory.devices.put(device.id(), device);
            return device;
        });
    }

    @Override
    public DeviceElement updateDevice(String deviceId, DeviceSpec spec) throws ManagerException {
        return repository.write("updateDevice", inventory -> {
            DeviceElement current = inventory.device(deviceId);
            validate(inventory, spec);
            if (!current.virtualSystemId().equals(spec.virtualSystemId())) {
                throw new ManagerValidationException("virtualSystemId", "a device's virtual system cannot change");
            }
            DeviceElement device = new DeviceElement(deviceId, spec.name(), spec.virtualSystemId(), spec.domainId());
            inventory.devices.put(deviceId, device);
            return device;
        });
    }

    private static void validate(Inventory inventory, DeviceSpec spec) throws ManagerValidationException {
        Checks.notBlank("name", spec.name());
        Checks.notBlank("virtualSystemId", spec.virtualSystemId());
        Inventory.requireReference(inventory.domains, "domainId", spec.domainId());
    }

    @Override
    public void deleteDevice(String deviceId) throws ManagerException {
        repository.write("deleteDevice", inventory -> inventory.removeDevice(deviceId));
    }

    @Override
    public Optional<DeviceElement> getDevice(String deviceId) throws ManagerException {
        return repository.read("getDevice", inventory -> Optional.ofNullable(inventory.devices.get(deviceId)));
    }

    @Override
    public List<DeviceElement> listDevices() throws ManagerException {
        return repository.read("listDevices", inventory -> List.copyOf(inventory.devices.values()));
    }

    @Override
    public DeviceMemberElement createDeviceMember(String deviceId, DeviceMemberSpec spec) throws ManagerException {
        return repository.write("createDeviceMember", inventory -> {
            inventory.device(deviceId);
            validate(spec);
            Optional<DeviceMemberElement> existing = inventory.membersOf(deviceId).stream()
                    .filter(m -> m.name().equals(spec.name())).findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
            DeviceMemberElement member = new DeviceMemberElement(inventory.newId("member"), deviceId, spec.name(),
                    spec.ipAddresses());
            inventory.members.put(member.id(), member);
            return member;
        });
    }

    @Override
    public DeviceMemberElement updateDeviceMember(String deviceId, String memberId, DeviceMemberSpec spec)
            throws ManagerException {
        return repository.write("updateDeviceMember", inventory -> {
            inventory.device(deviceId);
            inventory.member(deviceId, memberId);
            validate(spec);
            boolean nameTaken = inventory.membersOf(deviceId).stream()
                    .anyMatch(m -> !m.id().equals(memberId) && m.name().equals(spec.name()));
            if (nameTaken) {
                throw new ManagerValidationException("name", "another member of the device is named " + spec.name());
            }
            DeviceMemberElement member = new DeviceMemberElement(memberId, deviceId, spec.name(), spec.ipAddresses());
            inventory.members.put(memberId, member);
            return member;
        });
    }

    private static void validate(DeviceMemberSpec spec) throws ManagerValidationException {
        Checks.notBlank("name", spec.name());
        Checks.ipAddresses("ipAddresses", spec.ipAddresses());
    }

    @Override
    public void deleteDeviceMember(String deviceId, String memberId) throws ManagerException {
        repository.write("deleteDeviceMember", inventory -> {
            DeviceMemberElement member = inventory.members.get(memberId);
            if (member != null && member.deviceId().equals(deviceId)) {
                inventory.members.remove(memberId);
            }
            return null;
        });
    }

    @Override
    public List<DeviceMemberElement> listDeviceMembers(String deviceId) throws ManagerException {
        return repository.read("listDeviceMembers", inventory -> {
            inventory.device(deviceId);
            return inventory.membersOf(deviceId);
        });
    }
}
