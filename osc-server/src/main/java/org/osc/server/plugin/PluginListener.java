package org.osc.server.plugin;

/** Told when a plugin appears or disappears, so objects that use it can be reconciled. */
@FunctionalInterface
public interface PluginListener {

    /**
     * @param plugin the plugin
     * @param present true when it arrived, false when it left
     */
    void pluginChanged(PluginInfo plugin, boolean present);
}
