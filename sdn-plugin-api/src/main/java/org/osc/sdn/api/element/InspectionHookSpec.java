package org.osc.sdn.api.element;

import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What OSC asks for when it installs or updates an inspection hook: redirect the traffic of
 * {@code inspected} through {@code inspectionPortId}.
 *
 * @param inspected the port group or port whose traffic is inspected; never null
 * @param inspectionPortId the id of a registered inspection port; never blank
 * @param tag the tag identifying this redirection on the inspection port, from 0 to
 *        {@link TagEncapsulation#maxTag()} of {@code encapsulation}
 * @param encapsulation how redirected traffic is tagged; never null
 * @param order the hook's position among the hooks of the same element, lower first; not negative
 * @param failurePolicy what happens to traffic while the appliance is down; never null
 */
@ProviderType
public record InspectionHookSpec(InspectedElement inspected, String inspectionPortId, long tag,
        TagEncapsulation encapsulation, long order, FailurePolicy failurePolicy) {

    /**
     * Validates every component, including the tag's range for the encapsulation.
     *
     * @param inspected the port group or port whose traffic is inspected; never null
     * @param inspectionPortId the id of a registered inspection port; never blank
     * @param tag the tag identifying this redirection on the inspection port, from 0 to
     *        {@link TagEncapsulation#maxTag()} of {@code encapsulation}
     * @param encapsulation how redirected traffic is tagged; never null
     * @param order the hook's position among the hooks of the same element, lower first; not negative
     * @param failurePolicy what happens to traffic while the appliance is down; never null
     */
    public InspectionHookSpec {
        Objects.requireNonNull(inspected, "inspected");
        Values.requireId(inspectionPortId, "inspection port id");
        Objects.requireNonNull(encapsulation, "encapsulation");
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        if (tag < 0 || tag > encapsulation.maxTag()) {
            throw new IllegalArgumentException(
                    "tag " + tag + " is outside 0.." + encapsulation.maxTag() + " for " + encapsulation);
        }
        if (order < 0) {
            throw new IllegalArgumentException("order must not be negative: " + order);
        }
    }
}
