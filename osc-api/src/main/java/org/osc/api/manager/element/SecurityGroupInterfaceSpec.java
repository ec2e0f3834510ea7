package org.osc.api.manager.element;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The policy mapping OSC wants for one binding: a device applies policies to a security group's traffic.
 *
 * @param name display name, not blank
 * @param oscBindingId OSC's id of the binding: the key that makes create idempotent
 * @param securityGroupId manager-side id of the security group
 * @param deviceId manager-side id of the device that inspects the traffic
 * @param policyIds manager-side ids of the policies to apply, from the device's domain; kept sorted
 * @param tag the redirection tag OSC uses for this binding (may be empty; {@code null} is read as empty)
 * @param order position among the bindings of the same traffic, lowest first; not negative
 */
@ProviderType
public record SecurityGroupInterfaceSpec(String name, String oscBindingId, String securityGroupId, String deviceId,
        Set<String> policyIds, String tag, long order) {

    /**
     * Rejects {@code null} fields and takes a sorted immutable copy of the policy ids.
     *
     * @param name display name, not blank
     * @param oscBindingId OSC's id of the binding: the key that makes create idempotent
     * @param securityGroupId manager-side id of the security group
     * @param deviceId manager-side id of the device that inspects the traffic
     * @param policyIds manager-side ids of the policies to apply, from the device's domain; kept sorted
     * @param tag the redirection tag OSC uses for this binding (may be empty; {@code null} is read as empty)
     * @param order position among the bindings of the same traffic, lowest first; not negative
     */
    public SecurityGroupInterfaceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(oscBindingId, "oscBindingId");
        Objects.requireNonNull(securityGroupId, "securityGroupId");
        Objects.requireNonNull(deviceId, "deviceId");
        // Sorted so that equal sets compare, print and serialize the same way everywhere.
        policyIds = policyIds == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(policyIds));
        tag = tag == null ? "" : tag;
    }
}
