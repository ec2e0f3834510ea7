package org.osc.api.manager;

import java.util.List;
import java.util.Optional;

import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupSpec;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Keeps the manager's security groups and their members (the protected pods) in step with OSC. Obtained
 * from {@link ApplianceManagerApi#createSecurityGroupApi}, only when the plugin declares
 * {@link ManagerPluginProperties#SYNC_SECURITY_GROUP}. Every method may also throw
 * {@link ManagerAuthenticationException}, {@link ManagerUnreachableException} or a plain
 * {@link ManagerException}; only the other errors are listed per method.
 */
@ConsumerType
public interface ManagerSecurityGroupApi extends AutoCloseable {

    /**
     * Creates a security group with its members. Idempotent: when a group with the same
     * {@link SecurityGroupSpec#oscSecurityGroupId()} exists, it is returned unchanged (use
     * {@link #updateSecurityGroup} to change it).
     *
     * @param spec the group wanted
     * @return the created or existing group, with its manager-side id
     * @throws ManagerValidationException blank group or member name, a member listed twice, or a malformed
     *             IP or MAC address
     * @throws ManagerException any other failure
     */
    SecurityGroupElement createSecurityGroup(SecurityGroupSpec spec) throws ManagerException;

    /**
     * Replaces the name and the whole member set of a group. Idempotent: an unchanged spec changes nothing.
     *
     * @param securityGroupId manager-side id of the group
     * @param spec the new state; its OSC security-group id must be the group's own
     * @return the group as now stored
     * @throws ManagerObjectNotFoundException no group has that id
     * @throws ManagerValidationException as for create, or a different OSC security-group id
     * @throws ManagerException any other failure
     */
    SecurityGroupElement updateSecurityGroup(String securityGroupId, SecurityGroupSpec spec)
            throws ManagerException;

    /**
     * Deletes a group and the security-group interfaces that reference it. Idempotent: deleting a missing
     * group is a no-op.
     *
     * @param securityGroupId manager-side id of the group
     * @throws ManagerException any failure other than the group being absent
     */
    void deleteSecurityGroup(String securityGroupId) throws ManagerException;

    /**
     * Looks up one group with its members. Read-only.
     *
     * @param securityGroupId manager-side id of the group
     * @return the group, or empty when the manager has none with that id
     * @throws ManagerException any failure other than the group being absent
     */
    Optional<SecurityGroupElement> getSecurityGroup(String securityGroupId) throws ManagerException;

    /**
     * Lists every group the connector's account can see, with members. Read-only.
     *
     * @return the groups, possibly empty
     * @throws ManagerException any failure
     */
    List<SecurityGroupElement> listSecurityGroups() throws ManagerException;

    /**
     * Releases whatever the sub-API holds (sessions, connections). Idempotent; the default does nothing.
     */
    @Override
    default void close() {
    }
}
