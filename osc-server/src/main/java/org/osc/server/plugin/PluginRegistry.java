package org.osc.server.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.sdn.api.SdnControllerApi;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins present right now, tracked as OSGi services (whiteboard): a plugin registers its SPI service
 * with {@code osc.plugin.name} and capability properties; the server only ever calls it through this registry.
 */
@Component(service = PluginRegistry.class, immediate = true)
public class PluginRegistry {

    /** The service property naming a plugin (the controller or manager type). */
    public static final String NAME = "osc.plugin.name";

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private record Entry<T>(PluginInfo info, T service) {
    }

    private final Map<String, Entry<SdnControllerApi>> sdn = new ConcurrentHashMap<>();
    private final Map<String, Entry<ApplianceManagerApi>> managers = new ConcurrentHashMap<>();
    private final List<PluginListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSdn(ServiceReference<SdnControllerApi> ref, SdnControllerApi service) {
        add(sdn, ref, service, PluginType.SDN_CONTROLLER, "osc.sdn.");
    }

    void removeSdn(ServiceReference<SdnControllerApi> ref, SdnControllerApi service) {
        remove(sdn, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addManager(ServiceReference<ApplianceManagerApi> ref, ApplianceManagerApi service) {
        add(managers, ref, service, PluginType.MANAGER, "osc.manager.");
    }

    void removeManager(ServiceReference<ApplianceManagerApi> ref, ApplianceManagerApi service) {
        remove(managers, ref);
    }

    /** @return every plugin present, by name */
    public List<PluginInfo> list() {
        List<PluginInfo> all = new ArrayList<>();
        sdn.values().forEach(e -> all.add(e.info()));
        managers.values().forEach(e -> all.add(e.info()));
        all.sort(Comparator.comparing(PluginInfo::name));
        return all;
    }

    /** @return the named plugin, of either kind */
    public Optional<PluginInfo> find(String name) {
        Entry<?> entry = sdn.containsKey(name) ? sdn.get(name) : managers.get(name);
        return Optional.ofNullable(entry).map(Entry::info);
    }

    /** @return the SDN controller plugin of that name, when present */
    public Optional<SdnControllerApi> sdnController(String name) {
        return Optional.ofNullable(sdn.get(name)).map(Entry::service);
    }

    /** @return the manager plugin of that name, when present */
    public Optional<ApplianceManagerApi> manager(String name) {
        return Optional.ofNullable(managers.get(name)).map(Entry::service);
    }

    /** Adds a listener told of every later arrival and departure. */
    public void addListener(PluginListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(PluginListener listener) {
        listeners.remove(listener);
    }

    private <T> void add(Map<String, Entry<T>> map, ServiceReference<T> ref, T service, PluginType type,
            String capabilityPrefix) {
        Object name = ref.getProperty(NAME);
        if (!(name instanceof String plugin) || plugin.isBlank()) {
            LOG.warn("Ignoring a {} service without the '{}' property (service {})", type, NAME,
                    ref.getProperty(Constants.SERVICE_ID));
            return;
        }
        PluginInfo info = info(ref, plugin, type, capabilityPrefix);
        Entry<T> previous = map.putIfAbsent(plugin, new Entry<>(info, service));
        if (previous != null) {
            LOG.warn("Plugin '{}' is already provided by bundle {}; ignoring the one of bundle {}", plugin,
                    previous.info().bundleSymbolicName(), info.bundleSymbolicName());
            return;
        }
        LOG.info("Plugin '{}' ({}) version {} is ready", plugin, type, info.version());
        listeners.forEach(l -> notify(l, info, true));
    }

    private <T> void remove(Map<String, Entry<T>> map, ServiceReference<T> ref) {
        Object name = ref.getProperty(NAME);
        if (!(name instanceof String plugin)) {
            return;
        }
        Entry<T> entry = map.get(plugin);
        if (entry != null && entry.info().bundleId() == ref.getBundle().getBundleId() && map.remove(plugin, entry)) {
            LOG.info("Plugin '{}' is gone", plugin);
            listeners.forEach(l -> notify(l, entry.info(), false));
        }
    }

    private static void notify(PluginListener listener, PluginInfo info, boolean present) {
        try {
            listener.pluginChanged(info, present);
        } catch (RuntimeException e) {
            LOG.warn("A plugin listener failed for '{}'", info.name(), e);
        }
    }

    private static PluginInfo info(ServiceReference<?> ref, String name, PluginType type, String prefix) {
        Map<String, Object> capabilities = new TreeMap<>();
        for (String key : ref.getPropertyKeys()) {
            if (key.startsWith(prefix)) {
                Object value = ref.getProperty(key);
                capabilities.put(key.substring(prefix.length()),
                        value instanceof String[] array ? List.of(array) : value);
            }
        }
        Bundle bundle = ref.getBundle();
        boolean removable = bundle.getLocation() != null && PluginFiles.isPluginLocation(bundle.getLocation());
        return new PluginInfo(name, type, bundle.getVersion().toString(), "READY", Map.copyOf(capabilities),
                bundle.getSymbolicName(), bundle.getBundleId(), removable);
    }
}
