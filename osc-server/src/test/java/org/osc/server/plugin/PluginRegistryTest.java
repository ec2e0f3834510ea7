package org.osc.server.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerPluginProperties;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnPluginProperties;

class PluginRegistryTest {

    private final PluginRegistry registry = new PluginRegistry();
    private final List<String> told = new ArrayList<>();

    PluginRegistryTest() {
        registry.addListener((info, present) -> told.add(info.name() + (present ? " arrived" : " left")));
    }

    @Test
    void registeredPluginIsListedWithItsCapabilitiesUntilClosed() {
        SdnControllerApi sdn = service(SdnControllerApi.class);
        PluginRegistry.Registration registration = registry.registerSdnController(sdn, Map.of(
                SdnPluginProperties.PLUGIN_NAME, "Ovn",
                SdnPluginProperties.SUPPORTS_PORT_GROUP, true,
                SdnPluginProperties.SUPPORTED_ENCAPSULATIONS, new String[] {"VLAN", "VXLAN"},
                "unrelated.property", "ignored"));

        PluginInfo info = registry.find("Ovn").orElseThrow();
        assertEquals(PluginType.SDN_CONTROLLER, info.type());
        assertEquals("READY", info.state());
        assertEquals(Map.of("supportsPortGroup", true, "supportedEncapsulations", List.of("VLAN", "VXLAN")),
                info.capabilities(), "capabilities are the osc.sdn.* properties without the prefix");
        assertFalse(info.removable(), "nothing in the plugins folder to delete");
        assertSame(sdn, registry.sdnController("Ovn").orElseThrow());
        assertTrue(registry.manager("Ovn").isEmpty());

        registration.close();
        registration.close();

        assertTrue(registry.find("Ovn").isEmpty());
        assertEquals(List.of("Ovn arrived", "Ovn left"), told);
    }

    @Test
    void managerAndSdnPluginsAreListedByName() {
        registry.registerManager(service(ApplianceManagerApi.class), Map.of(ManagerPluginProperties.PLUGIN_NAME,
                "Vendor", ManagerPluginProperties.AUTHENTICATION_TYPE, "PASSWORD"));
        registry.registerSdnController(service(SdnControllerApi.class), Map.of(SdnPluginProperties.PLUGIN_NAME,
                "Alpha"));

        assertEquals(List.of("Alpha", "Vendor"), registry.list().stream().map(PluginInfo::name).toList());
        assertEquals(Map.of("authenticationType", "PASSWORD"), registry.find("Vendor").orElseThrow().capabilities());
    }

    @Test
    void secondPluginOfTheSameNameIsRefusedAndTheFirstStays() {
        SdnControllerApi first = service(SdnControllerApi.class);
        registry.registerSdnController(first, Map.of(SdnPluginProperties.PLUGIN_NAME, "Ovn"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry
                .registerSdnController(service(SdnControllerApi.class), Map.of(SdnPluginProperties.PLUGIN_NAME,
                        "Ovn")));

        assertTrue(e.getMessage().contains("'Ovn' is already present"), e.getMessage());
        assertSame(first, registry.sdnController("Ovn").orElseThrow());
        assertEquals(List.of("Ovn arrived"), told);
    }

    @Test
    void pluginWithoutNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.registerManager(service(ApplianceManagerApi.class), Map.of(
                        ManagerPluginProperties.AUTHENTICATION_TYPE, "PASSWORD")));

        assertTrue(e.getMessage().contains(PluginRegistry.NAME), e.getMessage());
        assertTrue(registry.list().isEmpty());
    }

    private static <T> T service(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(PluginRegistryTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> throw new UnsupportedOperationException(method.getName());
                }));
    }
}
