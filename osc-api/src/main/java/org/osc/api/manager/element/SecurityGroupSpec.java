package org.osc.api.manager.element;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The security group OSC wants on the manager, with its complete member set.
 *
 * @param name display name, not blank
 * @param oscSecurityGroupId OSC's id of the security group: the key that makes create idempotent
 * @param members the protected pods; {@code null} is read as none
 */
@ProviderType
public record SecurityGroupSpec(String name, String oscSecurityGroupId, List<SecurityGroupMemberElement> members) {

    /**
     * Rejects {@code null} fields and takes an immutable copy of the members.
     *
     * @param name display name, not blank
     * @param oscSecurityGroupId OSC's id of the security group: the key that makes create idempotent
     * @param members the protected pods; {@code null} is read as none
     */
    public SecurityGroupSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(oscSecurityGroupId, "oscSecurityGroupId");
        members = members == null ? List.of() : List.copyOf(members);
    }
}
