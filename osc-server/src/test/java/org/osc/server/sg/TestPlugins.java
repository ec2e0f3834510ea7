package org.osc.server.sg;

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
 * Puts plugins into a {@link PluginRegistry} outside OSGi, as the framework would: a service with its
 * properties, from a bundle. The registry only offers package-private DS bind methods, so this calls them
 * reflectively with proxies of the two OSGi types it reads; a public test-support method on the registry
 * would make this unnecessary.
 */
final class TestPlugins {

    private static final AtomicLong BUNDLE_IDS = new AtomicLong(1000);

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
        bind(registry, "addSdn", SdnControllerApi.class, service, properties);
    }

    /** Registers a manager plugin declaring the sample manager's capabilities. */
    static void manager(PluginRegistry registry, String name, ApplianceManagerApi service) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ManagerPluginProperties.PLUGIN_NAME, name);
        properties.put(ManagerPluginProperties.SYNC_SECURITY_GROUP, true);
        properties.put(ManagerPluginProperties.SYNC_POLICY_MAPPING, true);
        properties.put(ManagerPluginProperties.SUPPORTS_MULTIPLE_POLICIES, true);
        properties.put(ManagerPluginProperties.AUTHENTICATION_TYPE, "PASSWORD");
        bind(registry, "addManager", ApplianceManagerApi.class, service, properties);
    }

    private static <T> void bind(PluginRegistry registry, String method, Class<T> type, T service,
            Map<String, Object> properties) {
        String name = (String) properties.get(SdnPluginProperties.PLUGIN_NAME);
        long bundleId = BUNDLE_IDS.incrementAndGet();
        Bundle bundle = proxy(Bundle.class, (m, args) -> switch (m) {
            case "getLocation" -> "test:" + name;
            case "getVersion" -> new Version(1, 0, 0);
            case "getSymbolicName" -> "test." + name;
            case "getBundleId" -> bundleId;
            default -> throw new UnsupportedOperationException(m);
        });
        ServiceReference<?> reference = proxy(ServiceReference.class, (m, args) -> switch (m) {
            case "getProperty" -> properties.get((String) args[0]);
            case "getPropertyKeys" -> properties.keySet().toArray(String[]::new);
            case "getBundle" -> bundle;
            default -> throw new UnsupportedOperationException(m);
        });
        try {
            Method bindMethod = PluginRegistry.class.getDeclaredMethod(method, ServiceReference.class, type);
            bindMethod.setAccessible(true);
            bindMethod.invoke(registry, reference, service);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot register plugin " + name + " with the registry", e);
        }
    }

    /** How a proxy answers a call, by method name. */
    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        Object proxy = Proxy.newProxyInstance(TestPlugins.class.getClassLoader(), new Class<?>[] {type},
                (self, m, args) -> switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> type.getSimpleName() + " proxy";
                    default -> answer.answer(m.getName(), args);
                });
        return type.cast(proxy);
    }
}
