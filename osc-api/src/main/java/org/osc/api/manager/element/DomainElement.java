package org.osc.api.manager.element;

import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A domain of the manager: a tenant or administrative scope that owns policies and devices.
 *
 * @param id manager-side id
 * @param name display name
 */
@ProviderType
public record DomainElement(String id, String name) {

    /**
     * Rejects {@code null} fields.
     *
     * @param id manager-side id
     * @param name display name
     */
    public DomainElement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
