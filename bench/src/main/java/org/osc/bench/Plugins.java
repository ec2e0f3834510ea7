package org.osc.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerPluginProperties;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.server.plugin.PluginRegistry;

/**
 * What Declarative Services does in the server, done by hand: plugins handed to the {@link PluginRegistry} with
 * the service properties their components declare, and the package-private bind methods of server components
 * called as SCR would (reflectively: those are DS callbacks, not API).
 */
final class Plugins {

    private Plugins() {
    }

    /** Registers an SDN plugin with the properties its component declares in the server. */
    static void sdn(PluginRegistry registry, SdnKind kind, SdnControllerApi service) {
        registry.registerSdnController(service, new HashMap<>(kind.properties()));
    }

    /** Registers a manager plugin with the properties of the sample manager component. */
    static void manager(PluginRegistry registry, String name, ApplianceManagerApi service) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ManagerPluginProperties.PLUGIN_NAME, name);
        properties.put(ManagerPluginProperties.SYNC_SECURITY_GROUP, true);
        properties.put(ManagerPluginProperties.SYNC_POLICY_MAPPING, true);
        properties.put(ManagerPluginProperties.SUPPORTS_MULTIPLE_POLICIES, true);
        properties.put(ManagerPluginProperties.PROVIDES_DEVICE_STATUS, true);
        properties.put(ManagerPluginProperties.AUTHENTICATION_TYPE, "PASSWORD");
        registry.registerManager(service, properties);
    }

    /** Calls a package-private method of a server component as SCR would (a bind method). */
    static void call(Object component, String method, Class<?>[] types, Object... args) {
        try {
            Method target = component.getClass().getDeclaredMethod(method, types);
            target.setAccessible(true);
            target.invoke(component, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(method + " of " + component.getClass().getSimpleName() + " failed",
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + method + " of " + component.getClass().getName(), e);
        }
    }
}
