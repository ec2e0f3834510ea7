package org.osc.sdn.api.element;

import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A reference to what an inspection hook inspects: a port group (a security group's ports) or one port.
 *
 * @param kind {@link ElementKind#PORT_GROUP} or {@link ElementKind#PORT}
 * @param id the controller's id of the port group or port; never blank
 */
@ProviderType
public record InspectedElement(ElementKind kind, String id) {

    /**
     * Validates that the kind can be inspected and the id is not blank.
     *
     * @param kind {@link ElementKind#PORT_GROUP} or {@link ElementKind#PORT}
     * @param id the controller's id of the port group or port; never blank
     */
    public InspectedElement {
        Objects.requireNonNull(kind, "kind");
        if (kind != ElementKind.PORT_GROUP && kind != ElementKind.PORT) {
            throw new IllegalArgumentException("only a port group or a port can be inspected, not " + kind);
        }
        Values.requireId(id, "inspected element id");
    }

    /**
     * A reference to a port group.
     *
     * @param portGroupId the port group's id
     * @return the reference
     */
    public static InspectedElement portGroup(String portGroupId) {
        return new InspectedElement(ElementKind.PORT_GROUP, portGroupId);
    }

    /**
     * A reference to a single port.
     *
     * @param portId the port's id
     * @return the reference
     */
    public static InspectedElement port(String portId) {
        return new InspectedElement(ElementKind.PORT, portId);
    }
}
