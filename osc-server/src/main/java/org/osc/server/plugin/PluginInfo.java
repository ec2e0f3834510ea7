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

    /**
     * @param capability a capability's name as {@link #capabilities} lists it (the service property without its
     *     {@code osc.sdn.} or {@code osc.manager.} prefix), e.g. {@code supportsFailurePolicy}
     * @return whether the plugin declares that boolean capability true
     */
    public boolean can(String capability) {
        Object value = capabilities.get(capability);
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }
}
