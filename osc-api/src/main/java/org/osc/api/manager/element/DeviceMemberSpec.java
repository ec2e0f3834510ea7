package org.osc.api.manager.element;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The member OSC wants in a device for one VNF pod (a distributed appliance instance).
 *
 * @param name the instance's name, unique within the device: the key that makes create idempotent
 * @param ipAddresses the VNF's IP addresses (literals, IPv4 or IPv6); {@code null} is read as none
 */
@ProviderType
public record DeviceMemberSpec(String name, List<String> ipAddresses) {

    /**
     * Rejects a {@code null} name and takes an immutable copy of the addresses.
     *
     * @param name the instance's name, unique within the device: the key that makes create idempotent
     * @param ipAddresses the VNF's IP addresses (literals, IPv4 or IPv6); {@code null} is read as none
     */
    public DeviceMemberSpec {
        Objects.requireNonNull(name, "name");
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
    }
}
