package org.osc.ovn.sdn.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.osc.ovn.sdn.nb.NbConnection;
import org.osc.ovn.sdn.nb.NbTables;
import org.osc.ovn.sdn.nb.NbView;
import org.osc.ovsdb.Row;
import org.osc.ovsdb.Uuid;
import org.osc.sdn.api.ElementConflictException;
import org.osc.sdn.api.ElementNotFoundException;
import org.osc.sdn.api.NotSupportedException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * A redirection session on one connector's northbound database. Reads come from the shared replica; each
 * mutating call is one transaction computed by {@link Plan} under the connection's write lock, and none at all
 * when nothing is to change.
 *
 * <p>A hook counts as installed ({@link #getInspectionHook}, {@link #findInspectionHook},
 * {@link #getInspectionHooks}) only while its record exists and its policy on the router is what it needs, and
 * an inspection port only while its record holds its ports: a row deleted or edited behind OSC's back makes the
 * element look absent, so OSC's next reconcile installs or registers it again, which repairs the rows.
 */
public final class OvnSession implements RedirectionSession {

    /** How long a call waits for the database when the connection is down. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(3);

    private final NbConnection connection;
    private final String router;
    private final Runnable onClose;
    private boolean closed;

    /**
     * @param connection the connector's database
     * @param router the cluster router's name
     * @param onClose called once when the session closes (gives the connection back)
     */
    public OvnSession(NbConnection connection, String router, Runnable onClose) {
        this.connection = connection;
        this.router = router;
        this.onClose = onClose;
    }

    /** A change of OSC's records. */
    private interface Change<T> {
        T apply(Model model, NbView view) throws SdnException;
    }

    private NbView read() throws SdnException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        connection.awaitReady(READY_TIMEOUT);
        return connection.view();
    }

    private <T> T write(Change<T> change) throws SdnException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        connection.writeLock().lock();
        try {
            NbView view = read();
            if (view.router(router).isEmpty()
                    && connection.awaitRow(NbTables.ROUTER, router, v -> v.router(router).isPresent())) {
                view = connection.view();
            }
            Model model = Model.of(view);
            T result = change.apply(model, view);
            Plan plan = Plan.of(model, view, router);
            connection.transact(plan.operations(), plan.expected());
            return result;
        } finally {
            connection.writeLock().unlock();
        }
    }

    private static String id(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
        return value;
    }

    @Override
    public NetworkElement getWorkloadPort(WorkloadIdentity workload) throws SdnException {
        Objects.requireNonNull(workload, "workload");
        NbView view = read();
        String name = workload.namespace() + "_" + workload.name();
        Optional<Row> lsp = view.lsp(name);
        if (lsp.isEmpty() && connection.awaitPort(name)) {
            view = connection.view();
            lsp = view.lsp(name);
        }
        NbView found = view;
        for (String ip : workload.ipAddresses()) {
            if (lsp.isPresent()) {
                break;
            }
            lsp = view.lspByIp(ip).filter(l -> Ports.pod(l) != null);
        }
        return lsp.map(l -> Ports.element(found, l)).orElseThrow(() -> new ElementNotFoundException(
                ElementKind.WORKLOAD, workload.qualifiedName(), "OVN has no logical switch port for pod "
                + workload.qualifiedName() + " (named " + workload.namespace() + "_" + workload.name()
                + " or with IP " + workload.ipAddresses() + ")"));
    }

    /** Waits for ports the replica has not seen yet but the database has (see {@link NbConnection#awaitPort}). */
    private void awaitPorts(Set<NetworkElement> ports) throws SdnException {
        NbView view = read();
        for (NetworkElement port : ports) {
            Objects.requireNonNull(port, "port");
            if (view.lsp(port.id()).isEmpty()) {
                connection.awaitPort(port.id());
            }
        }
    }

    /** The rows of member ports, each found by its id (the port's name). */
    private static Set<Uuid> members(NbView view, Set<NetworkElement> members) throws ElementNotFoundException {
        Set<Uuid> rows = new LinkedHashSet<>();
        for (NetworkElement member : members) {
            Objects.requireNonNull(member, "member");
            rows.add(view.lsp(member.id()).orElseThrow(() -> new ElementNotFoundException(ElementKind.PORT,
                    member.id())).uuid());
        }
        return rows;
    }

    private static PortGroup portGroup(NbView view, Model.Group group) {
        Set<NetworkElement> members = new LinkedHashSet<>();
        group.ports().forEach(p -> view.lsp(p).ifPresent(l -> members.add(Ports.element(view, l))));
        return new PortGroup(group.id(), group.name(), members);
    }

    @Override
    public PortGroup registerPortGroup(String name, Set<NetworkElement> members) throws SdnException {
        id(name, "port group name");
        Objects.requireNonNull(members, "members");
        awaitPorts(members);
        return write((model, view) -> {
            String id = Names.portGroup(name);
            if (model.group(id).isEmpty() && view.portGroup(id).isPresent()) {
                throw new SdnException("a Port_Group named " + id + " exists and is not OSC's: OSC leaves it alone");
            }
            return portGroup(view, model.putGroup(id, name, members(view, members)));
        });
    }

    @Override
    public PortGroup updatePortGroup(String portGroupId, Set<NetworkElement> members) throws SdnException {
        id(portGroupId, "port group id");
        Objects.requireNonNull(members, "members");
        awaitPorts(members);
        return write((model, view) -> {
            Model.Group group = model.group(portGroupId).orElseThrow(() -> new ElementNotFoundException(
                    ElementKind.PORT_GROUP, portGroupId));
            return portGroup(view, model.putGroup(portGroupId, group.name(), members(view, members)));
        });
    }

    @Override
    public Optional<PortGroup> getPortGroup(String portGroupId) throws SdnException {
        id(portGroupId, "port group id");
        NbView view = read();
        return Model.of(view).group(portGroupId).map(g -> portGroup(view, g));
    }

    @Override
    public void deletePortGroup(String portGroupId) throws SdnException {
        id(portGroupId, "port group id");
        write((model, view) -> {
            if (model.group(portGroupId).isEmpty()) {
                return null;
            }
            List<String> hooks = model.hooksOn(InspectedElement.portGroup(portGroupId)).stream()
                    .map(HookRecord::id).toList();
            if (!hooks.isEmpty()) {
                throw new ElementConflictException("port group " + portGroupId + " is still inspected by " + hooks);
            }
            model.removeGroup(portGroupId);
            return null;
        });
    }

    private static InspectionPort inspectionPort(NbView view, Model.Port port) {
        return new InspectionPort(port.id(), element(view, port.ingress()), element(view, port.egress()));
    }

    /** A port of a record; one whose row is gone is reported by name alone. */
    private static NetworkElement element(NbView view, String name) {
        return view.lsp(name).map(l -> Ports.element(view, l))
                .orElseGet(() -> new NetworkElement(name, List.of(), List.of(), ""));
    }

    /** Whether a record still holds the rows of its ports (a weak reference drops a deleted port). */
    private static boolean intact(NbView view, Model.Port port) {
        Set<Uuid> wanted = new LinkedHashSet<>();
        for (String name : List.of(port.ingress(), port.egress())) {
            Optional<Row> lsp = view.lsp(name);
            if (lsp.isEmpty()) {
                return false;
            }
            wanted.add(lsp.get().uuid());
        }
        return wanted.equals(Set.copyOf(port.ports()));
    }

    @Override
    public InspectionPort registerInspectionPort(NetworkElement ingress, NetworkElement egress)
            throws SdnException {
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(egress, "egress");
        awaitPorts(new LinkedHashSet<>(List.of(ingress, egress)));
        return write((model, view) -> {
            Set<Uuid> rows = members(view, new LinkedHashSet<>(List.of(ingress, egress)));
            String id = Names.inspectionPort(ingress.id());
            if (model.port(id).isEmpty() && view.portGroup(id).isPresent()) {
                throw new SdnException("a Port_Group named " + id + " exists and is not OSC's: OSC leaves it alone");
            }
            return inspectionPort(view, model.putPort(id, ingress.id(), egress.id(), rows));
        });
    }

    @Override
    public Optional<InspectionPort> getInspectionPort(String inspectionPortId) throws SdnException {
        id(inspectionPortId, "inspection port id");
        NbView view = read();
        return Model.of(view).port(inspectionPortId).filter(p -> intact(view, p))
                .map(p -> inspectionPort(view, p));
    }

    @Override
    public void removeInspectionPort(String inspectionPortId) throws SdnException {
        id(inspectionPortId, "inspection port id");
        write((model, view) -> {
            Optional<Model.Port> port = model.port(inspectionPortId);
            if (port.isEmpty()) {
                return null;
            }
            if (!port.get().hooks().isEmpty()) {
                throw new ElementConflictException("inspection port " + inspectionPortId
                        + " is still the target of hooks " + port.get().hooks().keySet());
            }
            model.removePort(inspectionPortId);
            return null;
        });
    }

    @Override
    public void setInspectionPortHealthy(String inspectionPortId, boolean healthy) throws SdnException {
        id(inspectionPortId, "inspection port id");
        write((model, view) -> {
            Model.Port port = model.port(inspectionPortId).orElseThrow(() -> new ElementNotFoundException(
                    ElementKind.INSPECTION_PORT, inspectionPortId));
            model.setHealthy(port, healthy);
            return null;
        });
    }

    @Override
    public boolean isInspectionPortHealthy(String inspectionPortId) throws SdnException {
        id(inspectionPortId, "inspection port id");
        return Model.of(read()).port(inspectionPortId).orElseThrow(() -> new ElementNotFoundException(
                ElementKind.INSPECTION_PORT, inspectionPortId)).healthy();
    }

    /** Checks what the plugin supports and that the inspected element exists. */
    private static void check(InspectionHookSpec spec, Model model, NbView view) throws SdnException {
        if (spec.encapsulation() != TagEncapsulation.NONE) {
            throw new NotSupportedException(SdnPluginProperties.SUPPORTED_ENCAPSULATIONS, "OVN router policies "
                    + "steer untagged traffic only (encapsulation NONE), not " + spec.encapsulation());
        }
        InspectedElement inspected = spec.inspected();
        boolean exists = inspected.kind() == ElementKind.PORT_GROUP ? model.hasGroup(inspected.id())
                : view.lsp(inspected.id()).isPresent();
        if (!exists) {
            throw new ElementNotFoundException(inspected.kind(), inspected.id());
        }
        if (model.port(spec.inspectionPortId()).isEmpty()) {
            throw new ElementNotFoundException(ElementKind.INSPECTION_PORT, spec.inspectionPortId());
        }
    }

    @Override
    public InspectionHook installInspectionHook(InspectionHookSpec spec) throws SdnException {
        Objects.requireNonNull(spec, "spec");
        return write((model, view) -> {
            check(spec, model, view);
            Optional<HookRecord> existing = model.hook(spec.inspected(), spec.inspectionPortId());
            String id = existing.map(HookRecord::id).orElse(null);
            for (int attempt = 0; id == null; attempt++) {
                String candidate = Names.hook(spec.inspected(), spec.inspectionPortId(), attempt);
                if (model.hook(candidate).isEmpty()) {
                    id = candidate;
                }
            }
            HookRecord hook = new HookRecord(id, spec, router);
            model.putHook(hook);
            return hook.hook();
        });
    }

    @Override
    public InspectionHook updateInspectionHook(String hookId, InspectionHookSpec spec) throws SdnException {
        id(hookId, "inspection hook id");
        Objects.requireNonNull(spec, "spec");
        return write((model, view) -> {
            HookRecord current = model.hook(hookId).orElseThrow(() -> new ElementNotFoundException(
                    ElementKind.INSPECTION_HOOK, hookId));
            if (!current.spec().inspected().equals(spec.inspected())) {
                throw new IllegalArgumentException("the inspected element of hook " + hookId + " is "
                        + current.spec().inspected() + " and cannot change to " + spec.inspected());
            }
            check(spec, model, view);
            Optional<HookRecord> other = model.hook(spec.inspected(), spec.inspectionPortId())
                    .filter(h -> !h.id().equals(hookId));
            if (other.isPresent()) {
                throw new ElementConflictException("hook " + other.get().id() + " already redirects "
                        + spec.inspected() + " to " + spec.inspectionPortId());
            }
            HookRecord hook = new HookRecord(hookId, spec, router);
            model.putHook(hook);
            return hook.hook();
        });
    }

    /** Of the given hooks, those whose policy is in place, in order then id. */
    private List<InspectionHook> installed(NbView view, Model model, List<HookRecord> hooks) {
        Optional<Row> routerRow = view.router(router);
        Map<String, List<Row>> actual = routerRow.map(r -> Policies.actual(view, r)).orElse(Map.of());
        List<InspectionHook> result = new ArrayList<>();
        for (HookRecord hook : hooks) {
            if (!hook.router().equals(router) || routerRow.isEmpty()) {
                continue;
            }
            if (Policies.converged(Policies.wanted(model, view, hook, routerRow.get()),
                    actual.getOrDefault(hook.id(), List.of()))) {
                result.add(hook.hook());
            }
        }
        result.sort(Comparator.comparingLong(InspectionHook::order).thenComparing(InspectionHook::id));
        return result;
    }

    @Override
    public Optional<InspectionHook> getInspectionHook(String hookId) throws SdnException {
        id(hookId, "inspection hook id");
        NbView view = read();
        Model model = Model.of(view);
        return installed(view, model, model.hook(hookId).stream().toList()).stream().findFirst();
    }

    @Override
    public Optional<InspectionHook> findInspectionHook(InspectedElement inspected, String inspectionPortId)
            throws SdnException {
        Objects.requireNonNull(inspected, "inspected");
        id(inspectionPortId, "inspection port id");
        NbView view = read();
        Model model = Model.of(view);
        return installed(view, model, model.hook(inspected, inspectionPortId).stream().toList()).stream()
                .findFirst();
    }

    @Override
    public List<InspectionHook> getInspectionHooks(InspectedElement inspected) throws SdnException {
        Objects.requireNonNull(inspected, "inspected");
        NbView view = read();
        Model model = Model.of(view);
        return installed(view, model, model.hooksOn(inspected));
    }

    @Override
    public void removeInspectionHook(String hookId) throws SdnException {
        id(hookId, "inspection hook id");
        write((model, view) -> {
            model.removeHook(hookId);
            return null;
        });
    }

    @Override
    public void removeAllInspectionHooks(InspectedElement inspected) throws SdnException {
        Objects.requireNonNull(inspected, "inspected");
        write((model, view) -> {
            model.hooksOn(inspected).forEach(h -> model.removeHook(h.id()));
            return null;
        });
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
