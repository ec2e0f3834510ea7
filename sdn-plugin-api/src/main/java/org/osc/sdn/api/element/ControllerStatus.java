package org.osc.sdn.api.element;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What an SDN controller reports about itself.
 *
 * @param name the controller's product or instance name; never blank
 * @param version the controller's version; never blank
 * @param ready whether the controller accepts redirection calls now
 */
@ProviderType
public record ControllerStatus(String name, String version, boolean ready) {

    /**
     * Validates name and version.
     *
     * @param name the controller's product or instance name; never blank
     * @param version the controller's version; never blank
     * @param ready whether the controller accepts redirection calls now
     */
    public ControllerStatus {
        Values.requireId(name, "controller name");
        Values.requireId(version, "controller version");
    }
}
