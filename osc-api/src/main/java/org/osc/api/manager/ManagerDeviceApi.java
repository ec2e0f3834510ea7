package org.osc.api.manager;

import java.util.List;
import java.util.Optional;

import org.osc.api.manager.element.DeviceElement;
import org.osc.api.manager.element.DeviceMemberElement;
import org.osc.api.manager.element.DeviceMemberSpec;
import org.osc.api.manager.element.DeviceSpec;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Keeps the manager's devices (one per OSC virtual system) and device members (one per VNF pod) in step
 * with OSC. Obtained from {@link ApplianceManagerApi#createDeviceApi}. Every method may also throw
 * {@link ManagerAuthenticationException}, {@link ManagerUnreachableException} or a plain
 * {@link ManagerException}; only the other errors are listed per method.
 */
@ConsumerType
public interface ManagerDeviceApi extends AutoCloseable {

    /**
     * Creates the device of a virtual system. Idempotent: when a device with the same
     * {@link DeviceSpec#virtualSystemId()} exists, it is returned unchanged (use {@link #updateDevice} to
     * change it) and nothing is created.
     *
     * @param spec the device wanted
     * @return the created or existing device, with its manager-side id
     * @throws ManagerValidationException blank name, or a domain id the manager does not know
     * @throws ManagerException any other failure
     */
    DeviceElement createDevice(DeviceSpec spec) throws ManagerException;

    /**
     * Replaces name and domain of a device. Idempotent: an unchanged spec changes nothing.
     *
     * @param deviceId manager-side id of the device
     * @param spec the new state; its virtual-system id must be the device's own (OSC keys never change)
     * @return the device as now stored
     * @throws ManagerObjectNotFoundException no device has that id
     * @throws ManagerValidationException blank name, unknown domain, or a different virtual-system id
     * @throws ManagerException any other failure
     */
    DeviceElement updateDevice(String deviceId, DeviceSpec spec) throws ManagerException;

    /**
     * Deletes a device together with its members and the security-group interfaces that reference it.
     * Idempotent: deleting a missing device is a no-op.
     *
     * @param deviceId manager-side id of the device
     * @throws ManagerException any failure other than the device being absent
     */
    void deleteDevice(String deviceId) throws ManagerException;

    /**
     * Looks up one device. Read-only.
     *
     * @param deviceId manager-side id of the device
     * @return the device, or empty when the manager has none with that id
     * @throws ManagerException any failure other than the device being absent
     */
    Optional<DeviceElement> getDevice(String deviceId) throws ManagerException;

    /**
     * Lists every device the connector's account can see, including ones OSC did not create. Read-only.
     *
     * @return the devices, possibly empty
     * @throws ManagerException any failure
     */
    List<DeviceElement> listDevices() throws ManagerException;

    /**
     * Registers a VNF pod as a member of a device. Idempotent: when the device already has a member with
     * the same {@link DeviceMemberSpec#name()}, that member is returned unchanged.
     *
     * @param deviceId manager-side id of the device
     * @param spec the member wanted
     * @return the created or existing member, with its manager-side id
     * @throws ManagerObjectNotFoundException no device has that id
     * @throws ManagerValidationException blank name or a malformed IP address
     * @throws ManagerException any other failure
     */
    DeviceMemberElement createDeviceMember(String deviceId, DeviceMemberSpec spec) throws ManagerException;

    /**
     * Replaces name and addresses of a device member. Idempotent: an unchanged spec changes nothing.
     *
     * @param deviceId manager-side id of the device
     * @param memberId manager-side id of the member
     * @param spec the new state
     * @return the member as now stored
     * @throws ManagerObjectNotFoundException no such device, or no such member in it
     * @throws ManagerValidationException blank name, a name another member of the device has, or a malformed
     *             IP address
     * @throws ManagerException any other failure
     */
    DeviceMemberElement updateDeviceMember(String deviceId, String memberId, DeviceMemberSpec spec)
            throws ManagerException;

    /**
     * Removes a member from a device. Idempotent: a missing member (or device) is a no-op.
     *
     * @param deviceId manager-side id of the device
     * @param memberId manager-side id of the member
     * @throws ManagerException any failure other than the member being absent
     */
    void deleteDeviceMember(String deviceId, String memberId) throws ManagerException;

    /**
     * Lists the members of a device. Read-only.
     *
     * @param deviceId manager-side id of the device
     * @return the members, possibly empty
     * @throws ManagerObjectNotFoundException no device has that id
     * @throws ManagerException any other failure
     */
    List<DeviceMemberElement> listDeviceMembers(String deviceId) throws ManagerException;

    /**
     * Releases whatever the sub-API holds (sessions, connections). Idempotent; the default does nothing.
     */
    @Override
    default void close() {
    }
}
