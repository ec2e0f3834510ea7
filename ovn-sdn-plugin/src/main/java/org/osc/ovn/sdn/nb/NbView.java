package org.osc.ovn.sdn.nb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.osc.ovsdb.Replica;
import org.osc.ovsdb.Row;
import org.osc.ovsdb.Uuid;

/**
 * The replicated northbound tables for a session's reads: a snapshot of the small tables (routers, router ports,
 * port groups, policies), rebuilt when one of them changed, and the live index of the logical switch ports.
 * Lookups are by name (as OVN-Kubernetes names things) and by UUID. The snapshot never changes, so what a session
 * derives from it (an index of OSC's hook records, the hook policies on a router) is kept with it ({@link #memo})
 * and computed once per change of the small tables rather than once per call.
 */
public final class NbView {

    private final LspIndex lsps;
    private final Map<String, Row> routers = new HashMap<>();
    private final Map<Uuid, Row> routerPorts;
    private final Map<String, Row> portGroups = new HashMap<>();
    private final Map<Uuid, Row> policies;
    private final List<Row> inspectionPorts = new ArrayList<>();
    private final Map<Object, Object> memos = new ConcurrentHashMap<>();

    /**
     * @param replica the replica, for the small tables (copied)
     * @param lsps the live index of the logical switch ports (not copied: a row per pod)
     */
    NbView(Replica replica, LspIndex lsps) {
        this.lsps = lsps;
        replica.rows(NbTables.ROUTER).values().forEach(r -> routers.putIfAbsent(r.getString("name"), r));
        this.routerPorts = replica.rows(NbTables.ROUTER_PORT);
        replica.rows(NbTables.PORT_GROUP).values().forEach(g -> {
            portGroups.put(g.getString("name"), g);
            if (Owned.kind(g).filter(Owned.KIND_INSPECTION_PORT::equals).isPresent()) {
                inspectionPorts.add(g);
            }
        });
        this.policies = replica.rows(NbTables.POLICY);
    }

    /**
     * @param name a logical switch port's name
     * @return the port
     */
    public Optional<Row> lsp(String name) {
        return lsps.byName(name);
    }

    /**
     * @param uuid a logical switch port's UUID
     * @return the port
     */
    public Optional<Row> lsp(Uuid uuid) {
        return lsps.byUuid(uuid);
    }

    /**
     * A value derived from a logical switch port and its switch (e.g. its SPI element), computed once until
     * either changes.
     *
     * @param <T> the value's type
     * @param lsp the port, as this view returned it
     * @param derive computes the value from the port
     * @return the value
     */
    public <T> T derived(Row lsp, Function<Row, T> derive) {
        return lsps.derived(lsp, derive);
    }

    /**
     * @param ip an IP address literal
     * @return a port whose {@code addresses} hold it
     */
    public Optional<Row> lspByIp(String ip) {
        return lsps.byIp(ip);
    }

    /**
     * @param lsp a logical switch port's UUID
     * @return the switch it is on
     */
    public Optional<Row> switchOf(Uuid lsp) {
        return lsps.switchOf(lsp);
    }

    /**
     * @param name a logical router's name
     * @return the router
     */
    public Optional<Row> router(String name) {
        return Optional.ofNullable(routers.get(name));
    }

    /**
     * @param uuid a router port's UUID
     * @return the router port
     */
    public Optional<Row> routerPort(Uuid uuid) {
        return Optional.ofNullable(routerPorts.get(uuid));
    }

    /**
     * @param name a port group's name
     * @return the port group
     */
    public Optional<Row> portGroup(String name) {
        return Optional.ofNullable(portGroups.get(name));
    }

    /**
     * @return the Port_Group rows OSC owns that hold inspection port records (one per VNF port: few)
     */
    public List<Row> inspectionPorts() {
        return Collections.unmodifiableList(inspectionPorts);
    }

    /**
     * A value derived from this view's snapshot of the small tables alone (not from the live port index, which
     * changes under it), computed at most once per key (concurrent callers may both compute it; the first stored
     * wins). The value must not be changed by its users.
     *
     * @param <T> the value's type
     * @param key what the value is (e.g. a class, or a record of a class and a router name)
     * @param derive computes it from this view
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, Function<NbView, T> derive) {
        Object value = memos.get(key);
        if (value == null) {
            value = derive.apply(this);
            Object first = memos.putIfAbsent(key, value);
            if (first != null) {
                value = first;
            }
        }
        return (T) value;
    }

    /**
     * @param uuid a policy's UUID
     * @return the policy
     */
    public Optional<Row> policy(Uuid uuid) {
        return Optional.ofNullable(policies.get(uuid));
    }
}
