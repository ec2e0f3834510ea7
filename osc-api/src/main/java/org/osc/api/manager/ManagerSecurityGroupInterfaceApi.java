package org.osc.api.manager;

import java.util.List;
import java.util.Optional;

import org.osc.api.manager.element.SecurityGroupInterfaceElement;
import org.osc.api.manager.element.SecurityGroupInterfaceSpec;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Keeps the manager's policy mappings (security-group interfaces: which policies a device applies to a
 * security group's traffic) in step with OSC's bindings. Obtained from
 * {@link ApplianceManagerApi#createSecurityGroupInterfaceApi}, only when the plugin declares
 * {@link ManagerPluginProperties#SYNC_POLICY_MAPPING}. Every method may also throw
 * {@link ManagerAuthenticationException}, {@link ManagerUnreachableException} or a plain
 * {@link ManagerException}; only the other errors are listed per method.
 */
@ConsumerType
public interface ManagerSecurityGroupInterfaceApi extends AutoCloseable {

    /**
     * Creates a policy mapping. Idempotent: when a mapping with the same
     * {@link SecurityGroupInterfaceSpec#oscBindingId()} exists, it is returned unchanged (use
     * {@link #updateSecurityGroupInterface} to change it).
     *
     * @param spec the mapping wanted
     * @return the created or existing mapping, with its manager-side id
     * @throws ManagerValidationException blank name, negative order, an unknown security group or device,
     *             no policy, an unknown policy or one outside the device's domain, or more than one policy
     *             when the plugin does not declare {@link ManagerPluginProperties#SUPPORTS_MULTIPLE_POLICIES}
     * @throws ManagerException any other failure
     */
    SecurityGroupInterfaceElement createSecurityGroupInterface(SecurityGroupInterfaceSpec spec)
            throws ManagerException;

    /**
     * Replaces a policy mapping. Idempotent: an unchanged spec changes nothing.
     *
     * @param interfaceId manager-side id of the mapping
     * @param spec the new state; its OSC binding id must be the mapping's own
     * @return the mapping as now stored
     * @throws ManagerObjectNotFoundException no mapping has that id
     * @throws ManagerValidationException as for create, or a different OSC binding id
     * @throws ManagerException any other failure
     */
    SecurityGroupInterfaceElement updateSecurityGroupInterface(String interfaceId,
            SecurityGroupInterfaceSpec spec) throws ManagerException;

    /**
     * Deletes a policy mapping. Idempotent: deleting a missing mapping is a no-op.
     *
     * @param interfaceId manager-side id of the mapping
     * @throws ManagerException any failure other than the mapping being absent
     */
    void deleteSecurityGroupInterface(String interfaceId) throws ManagerException;

    /**
     * Looks up one policy mapping. Read-only.
     *
     * @param interfaceId manager-side id of the mapping
     * @return the mapping, or empty when the manager has none with that id
     * @throws ManagerException any failure other than the mapping being absent
     */
    Optional<SecurityGroupInterfaceElement> getSecurityGroupInterface(String interfaceId) throws ManagerException;

    /**
     * Lists every policy mapping the connector's account can see. Read-only.
     *
     * @return the mappings, possibly empty
     * @throws ManagerException any failure
     */
    List<SecurityGroupInterfaceElement> listSecurityGroupInterfaces() throws ManagerException;

    /**
     * Releases whatever the sub-API holds (sessions, connections). Idempotent; the default does nothing.
     */
    @Override
    default void close() {
    }
}
