package org.osc.bench;

import java.util.Map;

import org.osc.sdn.api.SdnPluginProperties;

/**
 * Which SDN controller sits behind the recording wrapper, and the service properties its component declares in the
 * server (which the benchmark hands to the plugin registry as Declarative Services would).
 */
enum SdnKind {

    /** The in-memory stand-in ({@link MemorySdn}), registered with the sample plugin's properties. */
    MEMORY("memory", "SampleSdn", "in-memory SDN stand-in", false, "VLAN", "VLAN", "VXLAN"),
    /** The sample SDN plugin, which saves its whole state to a JSON file after every change. */
    SAMPLE("sample", "SampleSdn", "sample SDN plugin", false, "VLAN", "VLAN", "VXLAN"),
    /** The OVN plugin on a real ovsdb-server with the OVN northbound schema ({@code OvnSdnComponent}'s properties). */
    OVN("ovn", "OVN", "OVN SDN plugin on a real OVN northbound ovsdb-server", true, "NONE", "NONE");

    private final String option;
    private final String pluginName;
    private final String description;
    private final boolean offbox;
    private final String encapsulation;
    private final String[] encapsulations;

    SdnKind(String option, String pluginName, String description, boolean offbox, String encapsulation,
            String... encapsulations) {
        this.option = option;
        this.pluginName = pluginName;
        this.description = description;
        this.offbox = offbox;
        this.encapsulation = encapsulation;
        this.encapsulations = encapsulations;
    }

    /** @return the kind named on the command line ({@code memory}, {@code sample} or {@code ovn}) */
    static SdnKind of(String option) {
        for (SdnKind kind : values()) {
            if (kind.option.equals(option)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--sdn: memory, sample or ovn, not " + option);
    }

    String option() {
        return option;
    }

    /** @return the plugin's name, which the connector names as its controller type */
    String pluginName() {
        return pluginName;
    }

    /** @return the plugin's name in the results */
    String description() {
        return description;
    }

    /** @return the encapsulation of the benchmark's virtual system (one the plugin supports) */
    String encapsulation() {
        return encapsulation;
    }

    /** @return the service properties the plugin's component declares */
    Map<String, Object> properties() {
        return Map.of(SdnPluginProperties.PLUGIN_NAME, pluginName,
                SdnPluginProperties.SUPPORTS_PORT_GROUP, true,
                SdnPluginProperties.SUPPORTS_FAILURE_POLICY, true,
                SdnPluginProperties.SUPPORTS_OFFBOX_REDIRECTION, offbox,
                SdnPluginProperties.SUPPORTS_SFC, false,
                SdnPluginProperties.SUPPORTED_ENCAPSULATIONS, encapsulations.clone());
    }
}
