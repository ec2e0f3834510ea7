package org.osc.sample.manager;

import java.util.List;

import org.osc.api.manager.ManagerException;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupInterfaceElement;

/**
 * What the sample shows and lets a test do outside the SPI: read its whole state, and delete objects behind
 * OSC's back to simulate drift on a real manager. Registered as a service for this bundle's REST resource;
 * other bundles cannot use it, since its package is not exported.
 */
public interface SampleInspection {

    /** @return every domain with its policies */
    List<SampleViews.DomainView> domains();

    /** @return every device with its members */
    List<SampleViews.DeviceView> devices();

    /** @return every security group with its members */
    List<SecurityGroupElement> securityGroups();

    /** @return every policy mapping */
    List<SecurityGroupInterfaceElement> securityGroupInterfaces();

    /** @return object counts and call counters */
    SampleViews.SummaryView summary();

    /**
     * Deletes a device, its members and mappings as an administrator of the manager would, without OSC.
     *
     * @param deviceId the device
     * @return whether it existed
     * @throws ManagerException when the state cannot be persisted
     */
    boolean removeDevice(String deviceId) throws ManagerException;

    /**
     * Deletes a security group and its mappings as an administrator of the manager would, without OSC.
     *
     * @param securityGroupId the group
     * @return whether it existed
     * @throws ManagerException when the state cannot be persisted
     */
    boolean removeSecurityGroup(String securityGroupId) throws ManagerException;
}
