package org.osc.server.da;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osc.api.manager.ManagerDeviceApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.element.DeviceMemberElement;
import org.osc.api.manager.element.DeviceMemberSpec;
import org.osc.server.da.InstanceSnapshot.Instance;

/**
 * The manager side of instance registration, on one device: a member per live instance, named after its pod
 * and carrying its IP, and none for instances going away. Reads the device's members once, so that drift
 * (a member deleted or changed on the manager) is repaired and a member whose id was never stored is found
 * by name instead of made twice.
 */
final class DeviceMembers {

    private final ManagerDeviceApi devices;
    private final String deviceId;
    private List<DeviceMemberElement> listed;

    /** @param deviceId the virtual system's device; null when it has none (then there is nothing to remove) */
    DeviceMembers(ManagerDeviceApi devices, String deviceId) {
        this.devices = devices;
        this.deviceId = deviceId;
    }

    /**
     * Removes the member of an instance going away.
     *
     * @param liveMembers members held by live instances: a replacement pod with the same name may have been
     *        handed the same member (creation is idempotent by name), which must stay
     */
    void remove(Instance instance, Set<String> liveMembers) throws ManagerException {
        String memberId = instance.managerMemberId();
        if (deviceId != null && memberId != null && !liveMembers.contains(memberId)) {
            devices.deleteDeviceMember(deviceId, memberId);
        }
    }

    /** @return the id of the member that now matches the live instance */
    String ensure(Instance instance) throws ManagerException {
        if (listed == null) {
            listed = devices.listDeviceMembers(deviceId);
        }
        DeviceMemberSpec wanted = instance.member();
        Optional<DeviceMemberElement> known = listed.stream()
                .filter(m -> m.id().equals(instance.managerMemberId())).findFirst()
                .or(() -> listed.stream().filter(m -> m.name().equals(wanted.name())).findFirst());
        DeviceMemberElement member = known.isPresent() ? known.get() : devices.createDeviceMember(deviceId, wanted);
        if (!member.toSpec().equals(wanted)) {
            // The pod's IP changed, or an existing member of that name was made for an earlier pod.
            member = devices.updateDeviceMember(deviceId, member.id(), wanted);
        }
        return member.id();
    }
}
