package org.osc.server.sg;

import java.util.HashMap;
import java.util.Map;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerPluginProperties;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.server.plugin.PluginRegistry;

/** Puts plugins into a {@link PluginRegistry} outside OSGi, with the properties their components declare. */
final class TestPlugins {

    private TestPlugins() {
    }

    /** Registers an SDN plugin with every capability property the SPI names. */
    static void sdn(PluginRegistry registry, String name, SdnControllerApi service, boolean portGroups,
            boolean failurePolicy) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(SdnPluginProperties.PLUGIN_NAME, name);
        properties.put(SdnPluginProperties.SUPPORTS_PORT_GROUP, portGroups);
        properties.put(SdnPluginProperties.SUPPORTS_FAILURE_POLICY, failurePolicy);
        properties.put(SdnPluginProperties.SUPPORTS_OFFBOX_REDIRECTION, false);
        properties.put(SdnPluginProperties.SUPPORTS_SFC, false);
        properties.put(SdnPluginProperties.SUPPORTED_ENCAPSULATIONS, new String[] {"VLAN", "VXLAN"});
        registry.registerSdnController(service, properties);
    }

    /** Registers a manager plugin declaring the sample manager's capabilities. */
    static void manager(PluginRegistry registry, String name, ApplianceManagerApi service) {
        registry.registerManager(service, Map.of(ManagerPluginProperties.PLUGIN_NAME, name,
                ManagerPluginProperties.SYNC_SECURITY_GROUP, true,
                ManagerPluginProperties.SYNC_POLICY_MAPPING, true,
                ManagerPluginProperties.SUPPORTS_MULTIPLE_POLICIES, true,
                ManagerPluginProperties.AUTHENTICATION_TYPE, "PASSWORD"));
    }
}
