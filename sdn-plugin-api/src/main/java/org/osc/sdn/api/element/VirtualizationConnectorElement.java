package org.osc.sdn.api.element;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The virtualization connector (cluster) OSC is steering traffic for, as the plugin sees it. It carries no
 * secrets: a plugin that needs credentials for its controller reads them from its provider attributes or
 * its own configuration.
 *
 * @param name the connector's name in OSC; never blank
 * @param type the connector type, e.g. {@code KUBERNETES}; never blank
 * @param providerAttributes controller-specific settings the admin gave the connector (e.g. the controller
 *        URL or domain); never null, possibly empty
 */
@ProviderType
public record VirtualizationConnectorElement(String name, String type, Map<String, String> providerAttributes) {

    /**
     * Validates the names and copies the attribute map.
     *
     * @param name the connector's name in OSC; never blank
     * @param type the connector type, e.g. {@code KUBERNETES}; never blank
     * @param providerAttributes controller-specific settings the admin gave the connector (e.g. the controller
     *        URL or domain); never null, possibly empty
     */
    public VirtualizationConnectorElement {
        Values.requireId(name, "connector name");
        Values.requireId(type, "connector type");
        providerAttributes = Map.copyOf(providerAttributes);
    }
}
