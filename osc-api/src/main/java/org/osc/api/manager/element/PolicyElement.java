package org.osc.api.manager.element;

import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A security policy defined on the manager, which a binding (security-group interface) can apply.
 *
 * @param id manager-side id
 * @param name display name
 * @param domainId manager-side id of the domain the policy belongs to
 */
@ProviderType
public record PolicyElement(String id, String name, String domainId) {

    /**
     * Rejects {@code null} fields.
     *
     * @param id manager-side id
     * @param name display name
     * @param domainId manager-side id of the domain the policy belongs to
     */
    public PolicyElement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domainId, "domainId");
    }
}
