package org.osc.sdn.api.element;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An installed inspection hook: the controller's id for it plus the settings it was installed or last
 * updated with. The components mean what they mean in {@link InspectionHookSpec}.
 *
 * @param id the controller's id for the hook; never blank
 * @param inspected the inspected port group or port; never null
 * @param inspectionPortId the inspection port traffic is redirected to; never blank
 * @param tag the redirection tag
 * @param encapsulation the tag encapsulation; never null
 * @param order the hook's order among the hooks of the same element
 * @param failurePolicy the failure policy; never null
 */
@ProviderType
public record InspectionHook(String id, InspectedElement inspected, String inspectionPortId, long tag,
        TagEncapsulation encapsulation, long order, FailurePolicy failurePolicy) {

    /**
     * Validates the components by building the equivalent {@link InspectionHookSpec}.
     *
     * @param id the controller's id for the hook; never blank
     * @param inspected the inspected port group or port; never null
     * @param inspectionPortId the inspection port traffic is redirected to; never blank
     * @param tag the redirection tag
     * @param encapsulation the tag encapsulation; never null
     * @param order the hook's order among the hooks of the same element
     * @param failurePolicy the failure policy; never null
     */
    public InspectionHook {
        Values.requireId(id, "inspection hook id");
        // The spec's constructor holds the rules; building one is the check.
        new InspectionHookSpec(inspected, inspectionPortId, tag, encapsulation, order, failurePolicy);
    }

    /**
     * Builds a hook from its id and the spec it was installed with.
     *
     * @param id the controller's id for the hook
     * @param spec the settings
     * @return the hook
     */
    public static InspectionHook of(String id, InspectionHookSpec spec) {
        return new InspectionHook(id, spec.inspected(), spec.inspectionPortId(), spec.tag(), spec.encapsulation(),
                spec.order(), spec.failurePolicy());
    }

    /**
     * The settings of this hook, e.g. to compare them with what OSC wants.
     *
     * @return the equivalent spec
     */
    public InspectionHookSpec toSpec() {
        return new InspectionHookSpec(inspected, inspectionPortId, tag, encapsulation, order, failurePolicy);
    }
}
