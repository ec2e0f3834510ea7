package org.osc.api.manager;

import java.util.List;

import org.osc.api.manager.element.DeviceMemberStatusElement;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reports how the manager sees each VNF of a device: whether it has discovered it, whether it is ready to
 * inspect traffic, and its counters. OSC polls it to fill the {@code inspectionReady} flag of distributed
 * appliance instances. Obtained from {@link ApplianceManagerApi#createDeviceStatusApi}, only when the plugin
 * declares {@link ManagerPluginProperties#PROVIDES_DEVICE_STATUS}. Read-only and therefore idempotent.
 */
@ConsumerType
public interface ManagerDeviceStatusApi extends AutoCloseable {

    /**
     * Returns the status of every member of a device.
     *
     * @param deviceId manager-side id of the device
     * @return one status per member the manager knows, possibly empty
     * @throws ManagerObjectNotFoundException no device has that id
     * @throws ManagerAuthenticationException the manager refused the credentials
     * @throws ManagerUnreachableException the manager could not be reached
     * @throws ManagerException any other failure
     */
    List<DeviceMemberStatusElement> getDeviceMemberStatus(String deviceId) throws ManagerException;

    /**
     * Releases whatever the sub-API holds (sessions, connections). Idempotent; the default does nothing.
     */
    @Override
    default void close() {
    }
}
