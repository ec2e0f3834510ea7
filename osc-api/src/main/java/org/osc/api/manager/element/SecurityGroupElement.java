package org.osc.api.manager.element;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A security group as the manager holds it, with its members.
 *
 * @param id manager-side id
 * @param name display name
 * @param oscSecurityGroupId OSC's id of the security group
 * @param members the protected pods
 */
@ProviderType
public record SecurityGroupElement(String id, String name, String oscSecurityGroupId,
        List<SecurityGroupMemberElement> members) {

    /**
     * Rejects {@code null} fields and takes an immutable copy of the members.
     *
     * @param id manager-side id
     * @param name display name
     * @param oscSecurityGroupId OSC's id of the security group
     * @param members the protected pods
     */
    public SecurityGroupElement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(oscSecurityGroupId, "oscSecurityGroupId");
        members = members == null ? List.of() : List.copyOf(members);
    }

    /**
     * Returns the spec this group satisfies, to compare with the wanted one. Member order matters to
     * {@code equals}; compare member sets when order is not meaningful.
     *
     * @return the group without its id
     */
    public SecurityGroupSpec toSpec() {
        return new SecurityGroupSpec(name, oscSecurityGroupId, members);
    }
}
