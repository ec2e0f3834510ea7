package org.osc.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerPluginProperties;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.server.plugin.PluginRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * What Declarative Services does in the server, done by hand: plugins handed to the {@link PluginRegistry} with
 * the service properties their components declare, and the package-private bind/deactivate methods of server
 * components called as SCR would. The server offers no public way to do this outside OSGi (its own tests use the
 * same reflection), so the benchmark calls them reflectively with proxies of the two OSGi types the registry reads.
 */
final class Plugins {

    private static final AtomicLong BUNDLE_IDS = new AtomicLong(1000);

    private Plugins() {
    }

    /** Registers an SDN plugin with the properties of the sample SDN component (port groups, VLAN and VXLAN). */
    static void sdn(PluginRegistry registry, String name, SdnControllerApi service) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(SdnPluginProperties.PLUGIN_NAME, name);
        properties.put(SdnPluginProperties.SUPPORTS_PORT_GROUP, true);
        properties.put(SdnPluginProperties.SUPPORTS_FAILURE_POLICY, true);
        properties.put(SdnPluginProperties.SUPPORTS_OFFBOX_REDIRECTION, false);
        properties.put(SdnPluginProperties.SUPPORTS_SFC, false);
        properties.put(SdnPluginProperties.SUPPORTED_ENCAPSULATIONS, new String[] {"VLAN", "VXLAN"});
        call(registry, "addSdn", new Class<?>[] {ServiceReference.class, SdnControllerApi.class},
                reference(name, properties), service);
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
        call(registry, "addManager", new Class<?>[] {ServiceReference.class, ApplianceManagerApi.class},
                reference(name, properties), service);
    }

    /**
     * Calls a package-private method of a server component as SCR would (a bind method, or a deactivate method
     * with no arguments).
     */
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

    private static ServiceReference<?> reference(String name, Map<String, Object> properties) {
        long bundleId = BUNDLE_IDS.incrementAndGet();
        Bundle bundle = proxy(Bundle.class, (m, args) -> switch (m) {
            case "getLocation" -> "bench:" + name;
            case "getVersion" -> new Version(1, 0, 0);
            case "getSymbolicName" -> "bench." + name;
            case "getBundleId" -> bundleId;
            default -> throw new UnsupportedOperationException(m);
        });
        return proxy(ServiceReference.class, (m, args) -> switch (m) {
            case "getProperty" -> properties.get((String) args[0]);
            case "getPropertyKeys" -> properties.keySet().toArray(String[]::new);
            case "getBundle" -> bundle;
            default -> throw new UnsupportedOperationException(m);
        });
    }

    /** How a proxy answers a call, by method name. */
    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        Object proxy = Proxy.newProxyInstance(Plugins.class.getClassLoader(), new Class<?>[] {type},
                (self, m, args) -> switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> type.getSimpleName() + " proxy";
                    default -> answer.answer(m.getName(), args);
                });
        return type.cast(proxy);
    }
}
