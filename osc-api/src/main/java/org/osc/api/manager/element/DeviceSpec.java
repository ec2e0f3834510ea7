package org.osc.api.manager.element;

import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The device OSC wants for one of its virtual systems (a distributed appliance deployed on one
 * virtualization connector).
 *
 * @param name display name, not blank
 * @param virtualSystemId OSC's id of the virtual system: the key that makes create idempotent
 * @param domainId manager-side id of the domain the device belongs to
 */
@ProviderType
public record DeviceSpec(String name, String virtualSystemId, String domainId) {

    /**
     * Rejects {@code null} fields.
     *
     * @param name display name, not blank
     * @param virtualSystemId OSC's id of the virtual system: the key that makes create idempotent
     * @param domainId manager-side id of the domain the device belongs to
     */
    public DeviceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(virtualSystemId, "virtualSystemId");
        Objects.requireNonNull(domainId, "domainId");
    }
}
