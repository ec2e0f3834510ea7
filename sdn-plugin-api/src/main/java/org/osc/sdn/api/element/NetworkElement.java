package org.osc.sdn.api.element;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A network port as the SDN controller knows it: a workload's port, or one side of an inspection port.
 *
 * @param id the controller's port id; never blank
 * @param macAddresses MAC addresses of the port, lower-case colon-separated hex; may be empty
 * @param ipAddresses IP addresses of the port (IPv4 or IPv6 literals); may be empty
 * @param parentId the controller's parent or domain of the port (a subnet, domain or namespace), or the
 *        empty string when the controller has no such notion; never null
 */
@ProviderType
public record NetworkElement(String id, List<String> macAddresses, List<String> ipAddresses, String parentId) {

    /**
     * Validates the id and copies the lists.
     *
     * @param id the controller's port id; never blank
     * @param macAddresses MAC addresses of the port, lower-case colon-separated hex; may be empty
     * @param ipAddresses IP addresses of the port (IPv4 or IPv6 literals); may be empty
     * @param parentId the controller's parent or domain of the port (a subnet, domain or namespace), or the empty
     *        string when the controller has no such notion; never null
     */
    public NetworkElement {
        Values.requireId(id, "port id");
        macAddresses = Values.copyAddresses(macAddresses, "macAddresses");
        ipAddresses = Values.copyAddresses(ipAddresses, "ipAddresses");
        Objects.requireNonNull(parentId, "parentId (use \"\" for none)");
    }
}
