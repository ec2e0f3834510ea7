package org.osc.server.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.server.leader.Leadership;
import org.osc.server.leader.internal.Fence;
import org.osc.server.log.LogSafe;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins present right now, tracked as OSGi services (whiteboard): a plugin registers its SPI service
 * with {@code osc.plugin.name} and capability properties; the server only ever calls it through this registry.
 * Outside OSGi, {@link #registerSdnController} and {@link #registerManager} add a plugin the same way.
 */
@Component(service = PluginRegistry.class, immediate = true, configurationPid = PluginFiles.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PluginFiles.Config.class)
public class PluginRegistry {

    /** The service property naming a plugin (the controller or manager type). */
    public static final String NAME = "osc.plugin.name";

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    private static final String SDN_PREFIX = "osc.sdn.";
    private static final String MANAGER_PREFIX = "osc.manager.";
    /** Plugins registered outside OSGi get negative ids, which no bundle has. */
    private static final AtomicLong EMBEDDED_IDS = new AtomicLong();

    private record Entry<T>(PluginInfo info, T service) {
    }

    private final Map<String, Entry<SdnControllerApi>> sdn = new ConcurrentHashMap<>();
    private final Map<String, Entry<ApplianceManagerApi>> managers = new ConcurrentHashMap<>();
    private final List<PluginListener> listeners = new CopyOnWriteArrayList<>();
    private final PluginFiles files;
    /** Inside the framework, a plugin write without an election is refused (it has not started, or stopped). */
    private final Fence fence;

    /** A registry outside OSGi: plugins are registered by hand ({@link #registerSdnController}), none is a file. */
    public PluginRegistry() {
        this.files = null;
        this.fence = new Fence(false);
    }

    /**
     * The server's registry: plugins are services; those from the configured plugins folder are removable. The
     * plugins it hands out are fenced ({@link Fence}): only the leader writes through them.
     */
    @Activate
    public PluginRegistry(PluginFiles.Config config) {
        this.files = new PluginFiles(Path.of(config.dir()));
        this.fence = new Fence(true);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setLeadership(Leadership election) {
        fence.follow(election);
    }

    void unsetLeadership(Leadership election) {
        fence.forget(election);
    }

    /** Fences the plugins handed out from now on by this election (outside OSGi: tests). */
    public void fence(Leadership election) {
        fence.follow(election);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSdn(ServiceReference<SdnControllerApi> ref, SdnControllerApi service) {
        info(ref, PluginType.SDN_CONTROLLER, SDN_PREFIX).ifPresent(info -> add(sdn, info, service));
    }

    void removeSdn(ServiceReference<SdnControllerApi> ref, SdnControllerApi service) {
        remove(sdn, ref.getProperty(NAME), ref.getBundle().getBundleId());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addManager(ServiceReference<ApplianceManagerApi> ref, ApplianceManagerApi service) {
        info(ref, PluginType.MANAGER, MANAGER_PREFIX).ifPresent(info -> add(managers, info, service));
    }

    void removeManager(ServiceReference<ApplianceManagerApi> ref, ApplianceManagerApi service) {
        remove(managers, ref.getProperty(NAME), ref.getBundle().getBundleId());
    }

    /**
     * Adds an SDN controller plugin that is not an OSGi service, for OSC's components wired by hand outside the
     * framework (tests, the benchmark, embedding). It then behaves exactly like one that arrived as a service.
     *
     * @param properties the service properties its component would declare: {@value #NAME} and the
     *     {@code osc.sdn.*} capabilities
     * @return the registration; closing it removes the plugin
     * @throws IllegalArgumentException without a name, or when a plugin of that name is present
     */
    public Registration registerSdnController(SdnControllerApi service, Map<String, ?> properties) {
        return register(sdn, service, properties, PluginType.SDN_CONTROLLER, SDN_PREFIX);
    }

    /**
     * Adds a manager plugin that is not an OSGi service; see {@link #registerSdnController}.
     *
     * @param properties {@value #NAME} and the {@code osc.manager.*} capabilities
     * @return the registration; closing it removes the plugin
     * @throws IllegalArgumentException without a name, or when a plugin of that name is present
     */
    public Registration registerManager(ApplianceManagerApi service, Map<String, ?> properties) {
        return register(managers, service, properties, PluginType.MANAGER, MANAGER_PREFIX);
    }

    /** @return the plugins folder the removable plugins come from; empty outside OSGi */
    public Optional<PluginFiles> files() {
        return Optional.ofNullable(files);
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
        return Optional.ofNullable(sdn.get(name)).map(Entry::service).map(s -> fence.wrap(SdnControllerApi.class, s));
    }

    /** @return the manager plugin of that name, when present */
    public Optional<ApplianceManagerApi> manager(String name) {
        return Optional.ofNullable(managers.get(name)).map(Entry::service).map(m -> fence.wrap(ApplianceManagerApi.class, m));
    }

    /** Adds a listener told of every later arrival and departure. */
    public void addListener(PluginListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(PluginListener listener) {
        listeners.remove(listener);
    }

    /** A plugin added by {@link #registerSdnController} or {@link #registerManager}. */
    public interface Registration extends AutoCloseable {

        /** Removes the plugin, telling the listeners; does nothing the second time. */
        @Override
        void close();
    }

    private <T> Registration register(Map<String, Entry<T>> map, T service, Map<String, ?> properties,
            PluginType type, String prefix) {
        Objects.requireNonNull(service, "service");
        Object name = properties.get(NAME);
        if (!(name instanceof String plugin) || plugin.isBlank()) {
            throw new IllegalArgumentException("A plugin needs the '" + NAME + "' property");
        }
        long id = EMBEDDED_IDS.decrementAndGet();
        // the jar's Implementation-Version when it has one: there is no bundle to take a version from
        String version = Optional.ofNullable(service.getClass().getPackage()).map(Package::getImplementationVersion)
                .orElse("0.0.0");
        PluginInfo info = new PluginInfo(plugin, type, version, "READY",
                capabilities(properties.keySet(), properties::get, prefix), "embedded:" + plugin, id, false);
        if (!add(map, info, service)) {
            throw new IllegalArgumentException("Plugin '" + plugin + "' is already present");
        }
        return () -> remove(map, plugin, id);
    }

    /** @return false (and nothing changes) when a plugin of that name is present already */
    private <T> boolean add(Map<String, Entry<T>> map, PluginInfo info, T service) {
        Entry<T> previous = map.putIfAbsent(info.name(), new Entry<>(info, service));
        if (previous != null) {
            LOG.warn("Plugin '{}' is already provided by {}; ignoring the one of {}", LogSafe.of(info.name()),
                    previous.info().bundleSymbolicName(), info.bundleSymbolicName());
            return false;
        }
        LOG.info("Plugin '{}' ({}) version {} is ready", LogSafe.of(info.name()), info.type(),
                LogSafe.of(info.version()));
        listeners.forEach(l -> notify(l, info, true));
        return true;
    }

    /** Removes the named plugin if it is the one its bundle (or registration) added. */
    private <T> void remove(Map<String, Entry<T>> map, Object name, long bundleId) {
        if (!(name instanceof String plugin)) {
            return;
        }
        Entry<T> entry = map.get(plugin);
        if (entry != null && entry.info().bundleId() == bundleId && map.remove(plugin, entry)) {
            LOG.info("Plugin '{}' is gone", LogSafe.of(plugin));
            listeners.forEach(l -> notify(l, entry.info(), false));
        }
    }

    private static void notify(PluginListener listener, PluginInfo info, boolean present) {
        try {
            listener.pluginChanged(info, present);
        } catch (RuntimeException e) {
            LOG.warn("A plugin listener failed for '{}'", LogSafe.of(info.name()), e);
        }
    }

    /** @return what OSC knows of the service's plugin; empty (logged) when the service has no name */
    private Optional<PluginInfo> info(ServiceReference<?> ref, PluginType type, String prefix) {
        Object name = ref.getProperty(NAME);
        if (!(name instanceof String plugin) || plugin.isBlank()) {
            LOG.warn("Ignoring a {} service without the '{}' property (service {})", type, NAME,
                    ref.getProperty(Constants.SERVICE_ID));
            return Optional.empty();
        }
        Bundle bundle = ref.getBundle();
        boolean removable = files != null && bundle.getLocation() != null
                && files.isPluginLocation(bundle.getLocation());
        return Optional.of(new PluginInfo(plugin, type, bundle.getVersion().toString(), "READY",
                capabilities(List.of(ref.getPropertyKeys()), ref::getProperty, prefix), bundle.getSymbolicName(),
                bundle.getBundleId(), removable));
    }

    /** The properties under the prefix, without it; arrays as lists. */
    private static Map<String, Object> capabilities(Collection<String> keys, Function<String, Object> values,
            String prefix) {
        Map<String, Object> capabilities = new TreeMap<>();
        for (String key : keys) {
            Object value = values.apply(key);
            if (key.startsWith(prefix) && value != null) {
                capabilities.put(key.substring(prefix.length()),
                        value instanceof String[] array ? List.of(array) : value);
            }
        }
        return Map.copyOf(capabilities);
    }
}
