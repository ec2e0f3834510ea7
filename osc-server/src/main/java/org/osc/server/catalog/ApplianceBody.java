package org.osc.server.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;

/**
 * An appliance model of the catalog on the wire.
 *
 * @param id read-only
 * @param model unique model name
 * @param managerType the manager plugin the appliance is managed by
 * @param managerVersion the manager version it works with
 */
public record ApplianceBody(@JsonProperty(access = Access.READ_ONLY) Long id, String model, String managerType,
        String managerVersion) {
}
