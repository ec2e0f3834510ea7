package org.osc.api.manager.element;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A protected workload (a pod) in a security group. Namespace and name together identify it; a group lists
 * each pod at most once.
 *
 * @param name the pod's name
 * @param namespace the pod's namespace
 * @param ipAddresses the pod's IP addresses (literals); {@code null} is read as none
 * @param macAddresses the pod's MAC addresses ({@code aa:bb:cc:dd:ee:ff}); {@code null} is read as none
 */
@ProviderType
public record SecurityGroupMemberElement(String name, String namespace, List<String> ipAddresses,
        List<String> macAddresses) {

    /**
     * Rejects {@code null} names and takes immutable copies of the addresses.
     *
     * @param name the pod's name
     * @param namespace the pod's namespace
     * @param ipAddresses the pod's IP addresses (literals); {@code null} is read as none
     * @param macAddresses the pod's MAC addresses ({@code aa:bb:cc:dd:ee:ff}); {@code null} is read as none
     */
    public SecurityGroupMemberElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        macAddresses = macAddresses == null ? List.of() : List.copyOf(macAddresses);
    }
}
