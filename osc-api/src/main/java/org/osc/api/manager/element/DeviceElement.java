package org.osc.api.manager.element;

import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A device as the manager holds it.
 *
 * @param id manager-side id
 * @param name display name
 * @param virtualSystemId OSC's id of the virtual system the device represents
 * @param domainId manager-side id of the device's domain
 */
@ProviderType
public record DeviceElement(String id, String name, String virtualSystemId, String domainId) {

    /**
     * Rejects {@code null} fields.
     *
     * @param id manager-side id
     * @param name display name
     * @param virtualSystemId OSC's id of the virtual system the device represents
     * @param domainId manager-side id of the device's domain
     */
    public DeviceElement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(virtualSystemId, "virtualSystemId");
        Objects.requireNonNull(domainId, "domainId");
    }

    /**
     * Returns the spec this device satisfies, to compare with the wanted one.
     *
     * @return the device without its id
     */
    public DeviceSpec toSpec() {
        return new DeviceSpec(name, virtualSystemId, domainId);
    }
}
