package org.osc.server.plugin;

/** The two kinds of plugin OSC knows. */
public enum PluginType {
    /** Steers traffic: implements the SDN-controller SPI. */
    SDN_CONTROLLER,
    /** Talks to a vendor's security manager: implements the manager SPI. */
    MANAGER
}
