package org.osc.api.manager.element;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A policy mapping (security-group interface) as the manager holds it.
 *
 * @param id manager-side id
 * @param name display name
 * @param oscBindingId OSC's id of the binding
 * @param securityGroupId manager-side id of the security group
 * @param deviceId manager-side id of the device
 * @param policyIds manager-side ids of the applied policies, sorted
 * @param tag the redirection tag, possibly empty
 * @param order position among the bindings of the same traffic
 */
@ProviderType
public record SecurityGroupInterfaceElement(String id, String name, String oscBindingId, String securityGroupId,
        String deviceId, Set<String> policyIds, String tag, long order) {

    /**
     * Rejects {@code null} fields and takes a sorted immutable copy of the policy ids.
     *
     * @param id manager-side id
     * @param name display name
     * @param oscBindingId OSC's id of the binding
     * @param securityGroupId manager-side id of the security group
     * @param deviceId manager-side id of the device
     * @param policyIds manager-side ids of the applied policies, sorted
     * @param tag the redirection tag, possibly empty
     * @param order position among the bindings of the same traffic
     */
    public SecurityGroupInterfaceElement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(oscBindingId, "oscBindingId");
        Objects.requireNonNull(securityGroupId, "securityGroupId");
        Objects.requireNonNull(deviceId, "deviceId");
        policyIds = policyIds == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(policyIds));
        tag = tag == null ? "" : tag;
    }

    /**
     * Returns the spec this mapping satisfies, to compare with the wanted one.
     *
     * @return the mapping without its id
     */
    public SecurityGroupInterfaceSpec toSpec() {
        return new SecurityGroupInterfaceSpec(name, oscBindingId, securityGroupId, deviceId, policyIds, tag, order);
    }
}
