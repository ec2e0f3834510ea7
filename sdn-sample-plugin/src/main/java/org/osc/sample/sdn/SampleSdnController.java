package org.osc.sample.sdn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.osc.sample.sdn.PushChannel.Change;
import org.osc.sample.sdn.PushChannel.ElementChanged;
import org.osc.sample.sdn.PushChannel.PortChanged;
import org.osc.sample.sdn.SampleSdnViews.Counters;
import org.osc.sample.sdn.SampleSdnViews.HookView;
import org.osc.sample.sdn.SampleSdnViews.PortGroupView;
import org.osc.sample.sdn.SampleSdnViews.PortRequest;
import org.osc.sample.sdn.SampleSdnViews.PortView;
import org.osc.sample.sdn.SampleSdnViews.Snapshot;
import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.SdnNotifications;
import org.osc.sdn.api.SdnNotifier;
import org.osc.sdn.api.element.ControllerStatus;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample SDN controller: one in-memory model shared by all connectors, saved to a JSON file after every
 * change, with counters of the SPI calls it received. Plain Java so that tests run it without OSGi;
 * {@link SampleSdnComponent} publishes it as a service.
 *
 * <p>All access goes through one lock: the sample values being easy to observe over being fast. Changes made
 * through the admin path (ports told or deleted, drift) are reported to OSC's {@link SdnNotifications} context
 * once the lock is released, on the admin caller's thread.
 */
public final class SampleSdnController implements SdnControllerApi, SdnNotifier, SampleSdnAdmin {

    /** The controller type name, {@code osc.plugin.name}. */
    public static final String NAME = "SampleSdn";

    private static final Logger LOG = LoggerFactory.getLogger(SampleSdnController.class);

    private final Object lock = new Object();
    private final StateStore store;
    private final String version;
    private final SdnModel model;
    private final Map<String, Long> calls = new TreeMap<>();
    private final Map<String, Long> changes = new TreeMap<>();
    private final PushChannel push = new PushChannel();
    private boolean reachable = true;

    /**
     * Loads the controller's state from {@code stateFile}, or starts empty if the file does not exist.
     *
     * @param stateFile where the state is kept; its directory is created on the first change
     * @param version the version reported in the controller status
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public SampleSdnController(Path stateFile, String version) {
        this.store = new StateStore(stateFile);
        this.version = Checks.id(version, "version");
        SavedState saved;
        try {
            saved = store.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample SDN state " + store.file()
                    + "; fix or remove it to start empty", e);
        }
        this.model = new SdnModel(saved);
        calls.putAll(saved.calls());
        changes.putAll(saved.changes());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The sample controller takes no controller attributes: a connector naming any is refused with an
     * {@link SdnException} whose message starts with the first such key ({@code key: unknown attribute ...}), the
     * way a real plugin refuses a setting it does not know, so that OSC's check of a connector's attributes is
     * seen to fail. (Sessions are not checked again: OSC checks a connector's attributes before storing them.)
     */
    @Override
    public ControllerStatus getStatus(VirtualizationConnectorElement connector) throws SdnException {
        Checks.notNull(connector, "connector");
        Optional<String> unknown = connector.providerAttributes().keySet().stream().sorted().findFirst();
        if (unknown.isPresent()) {
            throw new SdnException(unknown.get() + ": unknown attribute; the sample SDN controller takes none");
        }
        push.seen(connector);
        return call("getStatus", m -> new ControllerStatus(NAME, version, true));
    }

    @Override
    public RedirectionSession openSession(VirtualizationConnectorElement connector) throws SdnException {
        push.seen(Checks.notNull(connector, "connector"));
        return call("openSession", m -> new SampleSession(this));
    }

    @Override
    public void startNotifications(SdnNotifications notifications) {
        push.start(notifications);
    }

    @Override
    public void stopNotifications() {
        push.stop();
    }

    /** An operation on the model, run under the lock. */
    @FunctionalInterface
    interface ModelCall<T> {
        T apply(SdnModel model) throws SdnException;
    }

    /**
     * Runs an SPI operation: counts it, fails it while "unreachable", and saves the state if it changed.
     * Reads are counted too but only saved with the next change, so that lookups do not write the disk.
     */
    <T> T call(String operation, ModelCall<T> op) throws SdnException {
        synchronized (lock) {
            calls.merge(operation, 1L, Long::sum);
            if (!reachable) {
                throw new ControllerUnreachableException("sample SDN controller is set unreachable", null);
            }
            T result = op.apply(model);
            if (model.takeChanged()) {
                changes.merge(operation, 1L, Long::sum);
                try {
                    save();
                } catch (UncheckedIOException e) {
                    // The change stays in memory and is written with the next save; OSC repeats the call.
                    throw new SdnException("sample SDN state could not be saved: " + e.getMessage(), e);
                }
            }
            return result;
        }
    }

    @Override
    public Snapshot snapshot() {
        synchronized (lock) {
            return new Snapshot(NAME, version, reachable,
                    model.ports.all().stream().map(PortView::of).toList(),
                    model.portGroups().stream().map(PortGroupView::of).toList(),
                    model.inspectionPorts(),
                    model.hooks().stream().map(HookView::of).toList(),
                    new Counters(sorted(calls), sorted(changes)), model.unhealthyInspectionPorts());
        }
    }

    @Override
    public PortView putPort(String namespace, String name, PortRequest request) {
        Checks.notNull(request, "port");
        return adminChange(pushed -> {
            WorkloadPort before = model.ports.find(namespace, name).orElse(null);
            WorkloadPort port = model.ports.tell(namespace, name, request.portId(), request.macAddress(),
                    request.ipAddresses());
            if (!port.equals(before)) {
                model.markChanged();
                pushed.add(new PortChanged(identity(port, port.port().ipAddresses())));
            }
            LOG.debug("told port {} for pod {}/{}", port.port().id(), namespace, name);
            return PortView.of(port);
        });
    }

    @Override
    public boolean deletePort(String namespace, String name) {
        return adminChange(pushed -> {
            Optional<WorkloadPort> removed = model.ports.remove(namespace, name);
            if (removed.isEmpty()) {
                return false;
            }
            model.markChanged();
            pushed.add(new PortChanged(identity(removed.get(), List.of())));
            model.dropMember(removed.get().port().id())
                    .forEach(group -> pushed.add(new ElementChanged(ElementKind.PORT_GROUP, group)));
            LOG.info("port {} of pod {}/{} went away", removed.get().port().id(), namespace, name);
            return true;
        });
    }

    @Override
    public boolean deletePortGroup(String id) {
        return forceRemove(ElementKind.PORT_GROUP, id);
    }

    @Override
    public Optional<PortGroupView> setPortGroupMembers(String id, List<String> portIds) {
        return adminChange(pushed -> {
            Optional<PortGroup> before = model.portGroup(id);
            Optional<PortGroup> after = model.forceMembers(id, portIds);
            if (!after.equals(before)) {
                pushed.add(new ElementChanged(ElementKind.PORT_GROUP, id));
                LOG.info("drift: set the members of port group {} behind OSC's back", id);
            }
            return after.map(PortGroupView::of);
        });
    }

    @Override
    public boolean deleteInspectionPort(String id) {
        return forceRemove(ElementKind.INSPECTION_PORT, id);
    }

    @Override
    public boolean deleteHook(String id) {
        return forceRemove(ElementKind.INSPECTION_HOOK, id);
    }

    @Override
    public void setReachable(boolean reachable) {
        synchronized (lock) {
            this.reachable = reachable;
        }
        LOG.info("sample SDN controller is now {}", reachable ? "reachable" : "unreachable");
    }

    private boolean forceRemove(ElementKind kind, String id) {
        return adminChange(pushed -> {
            Optional<List<String>> hooks = model.forceRemove(kind, id);
            if (hooks.isEmpty()) {
                return false;
            }
            pushed.add(new ElementChanged(kind, id));
            hooks.get().stream().filter(hook -> !hook.equals(id))
                    .forEach(hook -> pushed.add(new ElementChanged(ElementKind.INSPECTION_HOOK, hook)));
            LOG.info("drift: removed {} {} behind OSC's back", kind, id);
            return true;
        });
    }

    /**
     * Runs an admin change under the lock and saves it; the op lists what to push, and that is pushed once the
     * lock is released, also when saving failed (the change is in memory all the same).
     */
    private <T> T adminChange(Function<List<Change>, T> op) {
        List<Change> pushed = new ArrayList<>();
        try {
            synchronized (lock) {
                T result = op.apply(pushed);
                saveIfChanged();
                return result;
            }
        } finally {
            assert !Thread.holdsLock(lock) : "never call OSC under the model lock";
            if (!pushed.isEmpty()) {
                push.deliver(pushed);
            }
        }
    }

    /** A pod as the controller knows it: told ports have no uid; a port that went away has no addresses. */
    private static WorkloadIdentity identity(WorkloadPort port, List<String> ipAddresses) {
        return new WorkloadIdentity(port.namespace(), port.name(), port.uid(), ipAddresses);
    }

    /** A sorted read-only copy, so the JSON lists operations alphabetically. */
    private static Map<String, Long> sorted(Map<String, Long> counters) {
        return Collections.unmodifiableMap(new TreeMap<>(counters));
    }

    private void saveIfChanged() {
        if (model.takeChanged()) {
            save();
        }
    }

    private void save() {
        try {
            store.save(model.save(calls, changes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample SDN state " + store.file(), e);
        }
    }
}
