package org.osc.ovn.sdn.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * inspection port records with their hooks. A session loads it twice, changes one copy and writes the
 * difference ({@link Plan}).
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

    final Map<String, Group> groups = new LinkedHashMap<>();
    final Map<String, Port> ports = new LinkedHashMap<>();

    private Model() {
    }

    /**
     * Reads OSC's records from the northbound content.
     *
     * @param view the content
     * @return the model
     */
    public static Model load(NbView view) {
        Model model = new Model();
        for (Row row : view.portGroups().values()) {
            Optional<String> kind = Owned.kind(row);
            String name = row.getString("name");
            if (kind.isEmpty() || name == null) {
                continue;
            }
            Map<Object, Object> ids = row.getMap("external_ids");
            Set<Uuid> members = new LinkedHashSet<>();
            row.getSet("ports").forEach(p -> members.add((Uuid) p));
            if (kind.get().equals(Owned.KIND_PORT_GROUP)) {
                Object caller = ids.get(NAME);
                model.groups.put(name, new Group(name, caller == null ? name : caller.toString(), row.uuid(),
                        members));
            } else if (kind.get().equals(Owned.KIND_INSPECTION_PORT)) {
                Port port = new Port(name, row.uuid());
                port.ports = members;
                port.ingress = (String) ids.get(INGRESS);
                port.egress = ids.containsKey(EGRESS) ? (String) ids.get(EGRESS) : port.ingress;
                port.healthy = !"false".equals(ids.get(HEALTHY));
                ids.forEach((k, v) -> {
                    String key = k.toString();
                    HookRecord hook = HookRecord.decode(key, v.toString(), name);
                    if (hook != null) {
                        port.hooks.put(hook.id(), hook);
                    } else if (!key.startsWith("osc-")) {
                        port.other.put(key, v.toString());
                    }
                });
                if (port.ingress != null) {
                    model.ports.put(name, port);
                }
            }
        }
        return model;
    }

    /**
     * @param id a port group id
     * @return the group
     */
    public Optional<Group> group(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    /**
     * @param id an inspection port id
     * @return the inspection port
     */
    public Optional<Port> port(String id) {
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
        Group existing = groups.get(id);
        if (existing != null) {
            existing.ports = members;
            return existing;
        }
        Group group = new Group(id, name, null, members);
        groups.put(id, group);
        return group;
    }

    /**
     * @param id a group id
     */
    public void removeGroup(String id) {
        groups.remove(id);
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
        Port port = ports.computeIfAbsent(id, k -> {
            Port fresh = new Port(k, null);
            fresh.healthy = true;
            return fresh;
        });
        port.ingress = ingress;
        port.egress = egress;
        port.ports = members;
        return port;
    }

    /**
     * @param id an inspection port id
     */
    public void removePort(String id) {
        ports.remove(id);
    }

    /**
     * @return every hook of every inspection port
     */
    public List<HookRecord> hooks() {
        List<HookRecord> all = new ArrayList<>();
        ports.values().forEach(p -> all.addAll(p.hooks.values()));
        return all;
    }

    /**
     * @param id a hook id
     * @return the hook
     */
    public Optional<HookRecord> hook(String id) {
        return ports.values().stream().map(p -> p.hooks.get(id)).filter(h -> h != null).findFirst();
    }

    /**
     * @param inspected an inspected element
     * @param inspectionPortId an inspection port
     * @return the hook of that pair
     */
    public Optional<HookRecord> hook(InspectedElement inspected, String inspectionPortId) {
        Port port = ports.get(inspectionPortId);
        if (port == null) {
            return Optional.empty();
        }
        return port.hooks.values().stream().filter(h -> h.spec().inspected().equals(inspected)).findFirst();
    }

    /**
     * Puts a hook on the inspection port its spec names, removing it from any other.
     *
     * @param hook the hook
     */
    public void putHook(HookRecord hook) {
        removeHook(hook.id());
        ports.get(hook.spec().inspectionPortId()).hooks.put(hook.id(), hook);
    }

    /**
     * @param id a hook id
     */
    public void removeHook(String id) {
        ports.values().forEach(p -> p.hooks.remove(id));
    }
}
