package org.osc.api.manager.element;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A device member (one VNF) as the manager holds it.
 *
 * @param id manager-side id
 * @param deviceId manager-side id of the device it belongs to
 * @param name the instance's name, unique within the device
 * @param ipAddresses the VNF's IP addresses
 */
@ProviderType
public record DeviceMemberElement(String id, String deviceId, String name, List<String> ipAddresses) {

    /**
     * Rejects {@code null} fields and takes an immutable copy of the addresses.
     *
     * @param id manager-side id
     * @param deviceId manager-side id of the device it belongs to
     * @param name the instance's name, unique within the device
     * @param ipAddresses the VNF's IP addresses
     */
    public DeviceMemberElement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(name, "name");
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
    }

    /**
     * Returns the spec this member satisfies, to compare with the wanted one.
     *
     * @return the member without ids
     */
    public DeviceMemberSpec toSpec() {
        return new DeviceMemberSpec(name, ipAddresses);
    }
}
