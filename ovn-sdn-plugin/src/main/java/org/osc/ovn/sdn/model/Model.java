package org.osc.ovn.sdn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.osc.ovn.sdn.nb.NbView;
import org.osc.ovn.sdn.nb.Owned;
import org.osc.ovsdb.Row;
import org.osc.ovsdb.Uuid;
import org.osc.sdn.api.element.InspectedElement;

/**
 * OSC's records in the northbound database, as mutable Java objects: the port groups of security groups and the
 * inspection port records with their hooks. Each record is read from the view when a call first asks for it
 * ({@link #group}, {@link #port}, {@link #hook}); the model keeps what it read next to what the call made of it,
 * and which records and hooks the call touched, so that {@link Plan} compares only those: a write costs in
 * proportion to the records it looks at, not to all of OSC's rows.
 */
public final class Model {

    /** The external_ids key of a port group's caller name. */
    static final String NAME = "osc-name";
    /** The external_ids key of an inspection port's ingress logical switch port. */
    static final String INGRESS = "osc-ingress";
    /** The external_ids key of an inspection port's egress logical switch port. */
    static final String EGRESS = "osc-egress";
    /** The external_ids key of an inspection port's health. */
    static final String HEALTHY = "osc-healthy";

    /**
     * A security group's port group.
     */
    public static final class Group {
        final String id;
        final String name;
        final Uuid row;
        Set<Uuid> ports;

        Group(String id, String name, Uuid row, Set<Uuid> ports) {
            this.id = id;
            this.name = name;
            this.row = row;
            this.ports = ports;
        }

        /** @return the SPI id, also the Port_Group name */
        public String id() {
            return id;
        }

        /** @return OSC's name for it */
        public String name() {
            return name;
        }

        /** @return the member ports */
        public Set<Uuid> ports() {
            return ports;
        }

        Map<String, String> externalIds() {
            Map<String, String> ids = new TreeMap<>();
            ids.put(Owned.OWNER, Owned.OSC);
            ids.put(Owned.KIND, Owned.KIND_PORT_GROUP);
            ids.put(Owned.ID, id);
            ids.put(NAME, name);
            return ids;
        }
    }

    /**
     * An inspection port's record and the hooks that redirect to it.
     */
    public static final class Port {
        final String id;
        final Uuid row;
        String ingress;
        String egress;
        boolean healthy;
        Set<Uuid> ports;
        final Map<String, HookRecord> hooks = new TreeMap<>();
        /** external_ids of the row that this plugin does not interpret, kept as they are. */
        final Map<String, String> other = new TreeMap<>();

        Port(String id, Uuid row) {
            this.id = id;
            this.row = row;
        }

        /** @return the SPI id, also the Port_Group name */
        public String id() {
            return id;
        }

        /** @return the ingress logical switch port's name */
        public String ingress() {
            return ingress;
        }

        /** @return the egress logical switch port's name */
        public String egress() {
            return egress;
        }

        /** @return whether the appliance can take traffic, as OSC last said */
        public boolean healthy() {
            return healthy;
        }

        /** @return the ports the record holds */
        public Set<Uuid> ports() {
            return ports;
        }

        /** @return the hooks redirecting here, by id */
        public Map<String, HookRecord> hooks() {
            return hooks;
        }

        Map<String, String> externalIds() {
            Map<String, String> ids = new TreeMap<>(other);
            ids.put(Owned.OWNER, Owned.OSC);
            ids.put(Owned.KIND, Owned.KIND_INSPECTION_PORT);
            ids.put(Owned.ID, id);
            ids.put(INGRESS, ingress);
            ids.put(EGRESS, egress);
            ids.put(HEALTHY, Boolean.toString(healthy));
            hooks.values().forEach(h -> ids.put(h.key(), h.encode()));
            return ids;
        }
    }

    /**
     * A record as the write read it: its row, members and the external_ids the plugin writes.
     *
     * @param row the Port_Group row
     * @param ports its members
     * @param externalIds its external_ids as this plugin writes them
     */
    record Read(Uuid row, Set<Uuid> ports, Map<String, String> externalIds) {
    }

    private final NbView view;
    /** The port groups read or changed, by id, as they are now; null: absent (or removed). */
    private final Map<String, Group> groups = new LinkedHashMap<>();
    /** The same port groups as read; null: absent when read. */
    private final Map<String, Read> groupsRead = new LinkedHashMap<>();
    /** The inspection port records read or changed, by id, as they are now; null: absent (or removed). */
    private final Map<String, Port> ports = new LinkedHashMap<>();
    /** The same records as read; null: absent when read. */
    private final Map<String, Read> portsRead = new LinkedHashMap<>();
    /** The hook ids of each record in {@link #portsRead}, as read. */
    private final Map<String, Set<String>> hooksRead = new LinkedHashMap<>();
    private final Set<String> touchedGroups = new LinkedHashSet<>();
    private final Set<String> touchedPorts = new LinkedHashSet<>();
    private final Set<String> touchedHooks = new LinkedHashSet<>();

    private Model(NbView view) {
        this.view = view;
    }

    /**
     * OSC's records in the northbound content, each read when first asked for: a call pays for the records it
     * looks at, not for all of them.
     *
     * @param view the content
     * @return the model
     */
    public static Model of(NbView view) {
        return new Model(view);
    }

    private static Optional<Row> owned(NbView view, String id, String kind) {
        return view.portGroup(id).filter(r -> Owned.kind(r).filter(kind::equals).isPresent());
    }

    private void loadGroup(String id) {
        Optional<Row> row = owned(view, id, Owned.KIND_PORT_GROUP);
        if (row.isEmpty()) {
            groups.put(id, null);
            groupsRead.put(id, null);
            return;
        }
        Object caller = row.get().getMap("external_ids").get(NAME);
        Set<Uuid> members = new LinkedHashSet<>();
        row.get().getSet("ports").forEach(p -> members.add((Uuid) p));
        Group group = new Group(id, caller == null ? id : caller.toString(), row.get().uuid(),
                Collections.unmodifiableSet(members));
        groups.put(id, group);
        groupsRead.put(id, new Read(group.row, group.ports, group.externalIds()));
    }

    private void loadPort(String id) {
        Optional<Row> row = owned(view, id, Owned.KIND_INSPECTION_PORT);
        Map<Object, Object> ids = row.map(r -> r.getMap("external_ids")).orElse(Map.of());
        if (row.isEmpty() || ids.get(INGRESS) == null) {
            ports.put(id, null);
            portsRead.put(id, null);
            return;
        }
        Port port = new Port(id, row.get().uuid());
        Set<Uuid> members = new LinkedHashSet<>();
        row.get().getSet("ports").forEach(p -> members.add((Uuid) p));
        port.ports = Collections.unmodifiableSet(members);
        port.ingress = (String) ids.get(INGRESS);
        port.egress = ids.containsKey(EGRESS) ? (String) ids.get(EGRESS) : port.ingress;
        port.healthy = !"false".equals(ids.get(HEALTHY));
        ids.forEach((k, v) -> {
            String key = k.toString();
            HookRecord hook = HookRecord.decode(key, v.toString(), id);
            if (hook != null) {
                port.hooks.put(hook.id(), hook);
            } else if (!key.startsWith("osc-")) {
                port.other.put(key, v.toString());
            }
        });
        ports.put(id, port);
        portsRead.put(id, new Read(port.row, port.ports, port.externalIds()));
        hooksRead.put(id, Set.copyOf(port.hooks.keySet()));
    }

    /**
     * @param id a port group id
     * @return the group
     */
    public Optional<Group> group(String id) {
        if (!groups.containsKey(id)) {
            loadGroup(id);
        }
        return Optional.ofNullable(groups.get(id));
    }

    /**
     * Whether a port group exists, without reading its members.
     *
     * @param id a port group id
     * @return whether OSC has that port group (now, in this write)
     */
    public boolean hasGroup(String id) {
        if (groups.containsKey(id)) {
            return groups.get(id) != null;
        }
        return owned(view, id, Owned.KIND_PORT_GROUP).isPresent();
    }

    /**
     * @param id an inspection port id
     * @return the inspection port
     */
    public Optional<Port> port(String id) {
        if (!ports.containsKey(id)) {
            loadPort(id);
        }
        return Optional.ofNullable(ports.get(id));
    }

    /**
     * Adds or replaces a group's members.
     *
     * @param id the group's id
     * @param name OSC's name for it
     * @param members the member ports
     * @return the group
     */
    public Group putGroup(String id, String name, Set<Uuid> members) {
        touchedGroups.add(id);
        Optional<Group> existing = group(id);
        if (existing.isPresent()) {
            existing.get().ports = members;
            return existing.get();
        }
        Group group = new Group(id, name, null, members);
        groups.put(id, group);
        return group;
    }

    /**
     * @param id a group id
     */
    public void removeGroup(String id) {
        group(id);
        touchedGroups.add(id);
        groups.put(id, null);
    }

    /**
     * Adds or updates an inspection port record; a new one starts healthy, an existing one keeps its health.
     *
     * @param id the record's id
     * @param ingress the ingress port's name
     * @param egress the egress port's name
     * @param members the two ports' rows
     * @return the record
     */
    public Port putPort(String id, String ingress, String egress, Set<Uuid> members) {
        touchedPorts.add(id);
        Port port = port(id).orElseGet(() -> {
            Port fresh = new Port(id, null);
            fresh.healthy = true;
            ports.put(id, fresh);
            return fresh;
        });
        port.ingress = ingress;
        port.egress = egress;
        port.ports = members;
        return port;
    }

    /**
     * @param port an inspection port of this model
     * @param healthy whether its appliance can take traffic
     */
    public void setHealthy(Port port, boolean healthy) {
        touchedPorts.add(port.id);
        port.healthy = healthy;
    }

    /**
     * @param id an inspection port id
     */
    public void removePort(String id) {
        port(id);
        touchedPorts.add(id);
        ports.put(id, null);
    }

    /**
     * The hooks on one inspected element, reading only the inspection ports that hold them.
     *
     * @param inspected an inspected element
     * @return its hooks
     */
    public List<HookRecord> hooksOn(InspectedElement inspected) {
        HookIndex.of(view).on(inspected).forEach(h -> port(h.spec().inspectionPortId()));
        List<HookRecord> result = new ArrayList<>();
        ports.values().stream().filter(Objects::nonNull).forEach(p -> p.hooks.values().stream()
                .filter(h -> h.spec().inspected().equals(inspected)).forEach(result::add));
        return result;
    }

    /**
     * @param id a hook id
     * @return the hook
     */
    public Optional<HookRecord> hook(String id) {
        for (Port port : ports.values()) {
            if (port != null && port.hooks.containsKey(id)) {
                return Optional.of(port.hooks.get(id));
            }
        }
        HookRecord indexed = HookIndex.of(view).hook(id);
        if (indexed == null || ports.containsKey(indexed.spec().inspectionPortId())) {
            return Optional.empty(); // not in the database, or its record was read and no longer holds it
        }
        return port(indexed.spec().inspectionPortId()).map(p -> p.hooks.get(id));
    }

    /**
     * @param inspected an inspected element
     * @param inspectionPortId an inspection port
     * @return the hook of that pair
     */
    public Optional<HookRecord> hook(InspectedElement inspected, String inspectionPortId) {
        return port(inspectionPortId).flatMap(p -> p.hooks.values().stream()
                .filter(h -> h.spec().inspected().equals(inspected)).findFirst());
    }

    /**
     * Puts a hook on the inspection port its spec names, removing it from any other.
     *
     * @param hook the hook
     */
    public void putHook(HookRecord hook) {
        removeHook(hook.id());
        String portId = hook.spec().inspectionPortId();
        port(portId).orElseThrow(() -> new IllegalStateException("no inspection port " + portId)).hooks
                .put(hook.id(), hook);
        touchedPorts.add(portId);
        touchedHooks.add(hook.id());
    }

    /**
     * @param id a hook id
     */
    public void removeHook(String id) {
        touchedHooks.add(id);
        for (Optional<HookRecord> hook = hook(id); hook.isPresent(); hook = hook(id)) {
            String portId = hook.get().spec().inspectionPortId();
            ports.get(portId).hooks.remove(id);
            touchedPorts.add(portId);
        }
    }

    /** @return the ids of the port groups this write read or changed */
    Set<String> groupIds() {
        return groups.keySet();
    }

    /** @return the ids of the inspection port records this write read or changed */
    Set<String> portIds() {
        return ports.keySet();
    }

    /**
     * @param id a port group id this write read
     * @return the group as read, or null if it was absent
     */
    Read groupRead(String id) {
        return groupsRead.get(id);
    }

    /**
     * @param id a port group id this write read
     * @return the group now, or null if absent
     */
    Group groupNow(String id) {
        return groups.get(id);
    }

    /**
     * @param id an inspection port id this write read
     * @return the record as read, or null if it was absent
     */
    Read portRead(String id) {
        return portsRead.get(id);
    }

    /**
     * @param id an inspection port id this write read
     * @return the record now, or null if absent
     */
    Port portNow(String id) {
        return ports.get(id);
    }

    /**
     * The hooks whose policy this write must make right: those it put or removed, every hook of an inspection
     * port record it touched (before and after), and every hook on a port group it touched.
     *
     * @return their ids
     */
    Set<String> affectedHooks() {
        Set<String> affected = new LinkedHashSet<>(touchedHooks);
        for (String id : touchedPorts) {
            affected.addAll(hooksRead.getOrDefault(id, Set.of()));
            Port now = ports.get(id);
            if (now != null) {
                affected.addAll(now.hooks.keySet());
            }
        }
        for (String id : touchedGroups) {
            hooksOn(InspectedElement.portGroup(id)).forEach(h -> affected.add(h.id()));
            HookIndex.of(view).on(InspectedElement.portGroup(id)).forEach(h -> affected.add(h.id()));
        }
        return affected;
    }

    /**
     * @param router a router's name
     * @return the ids of every hook (in the database or in this write) whose policy belongs on that router
     */
    Set<String> hookIds(String router) {
        Set<String> ids = new LinkedHashSet<>();
        for (Row row : view.inspectionPorts()) {
            String name = row.getString("name");
            if (!ports.containsKey(name)) {
                HookIndex.of(view).onPort(name).stream().filter(h -> h.router().equals(router))
                        .forEach(h -> ids.add(h.id()));
            }
        }
        ports.values().stream().filter(Objects::nonNull).forEach(p -> p.hooks.values().stream()
                .filter(h -> h.router().equals(router)).forEach(h -> ids.add(h.id())));
        return ids;
    }
}
