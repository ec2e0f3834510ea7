package org.osc.server.plugin;

import java.util.Map;

/**
 * What OSC knows of one plugin: its name (the controller or manager type), kind, bundle version, state,
 * capabilities (from its service properties) and the bundle that provides it.
 *
 * @param removable whether it was installed from the plugins folder (so removing it deletes that file)
 */
public record PluginInfo(String name, PluginType type, String version, String state, Map<String, Object> capabilities,
        String bundleSymbolicName, long bundleId, boolean removable) {
}
