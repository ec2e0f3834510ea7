package org.osc.sdn.api.element;

import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The port pair through which a security appliance (VNF pod) receives inspected traffic and sends it back.
 * A single-port appliance uses the same element for both.
 *
 * @param id the controller's id for the inspection port; never blank
 * @param ingress the port traffic enters the appliance by; never null
 * @param egress the port traffic leaves the appliance by, possibly equal to {@code ingress}; never null
 */
@ProviderType
public record InspectionPort(String id, NetworkElement ingress, NetworkElement egress) {

    /**
     * Validates the components.
     *
     * @param id the controller's id for the inspection port; never blank
     * @param ingress the port traffic enters the appliance by; never null
     * @param egress the port traffic leaves the appliance by, possibly equal to {@code ingress}; never null
     */
    public InspectionPort {
        Values.requireId(id, "inspection port id");
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(egress, "egress");
    }
}
