package org.osc.sdn.api.element;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A named set of workload ports registered by OSC, the SDN side of a security group.
 *
 * @param id the controller's id for the group; never blank
 * @param name the caller's name for the group, unique per controller; never blank
 * @param members the member ports; possibly empty
 */
@ProviderType
public record PortGroup(String id, String name, Set<NetworkElement> members) {

    /**
     * Validates the names and copies the members.
     *
     * @param id the controller's id for the group; never blank
     * @param name the caller's name for the group, unique per controller; never blank
     * @param members the member ports; possibly empty
     */
    public PortGroup {
        Values.requireId(id, "port group id");
        Values.requireId(name, "port group name");
        members = Set.copyOf(members);
    }
}
