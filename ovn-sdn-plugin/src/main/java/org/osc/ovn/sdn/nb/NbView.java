package org.osc.ovn.sdn.nb;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.osc.ovsdb.Replica;
import org.osc.ovsdb.Row;
import org.osc.ovsdb.Uuid;

/**
 * An immutable, indexed snapshot of the replicated northbound tables, built when a session reads after the
 * replica changed. Lookups are by name (as OVN-Kubernetes names things) and by UUID.
 */
public final class NbView {

    private final Map<Uuid, Row> lsps;
    private final Map<String, Row> lspByName = new HashMap<>();
    private final Map<String, Row> lspByIp = new HashMap<>();
    private final Map<Uuid, Row> switchOfPort = new HashMap<>();
    private final Map<String, Row> routers = new HashMap<>();
    private final Map<Uuid, Row> routerPorts;
    private final Map<String, Row> portGroups = new HashMap<>();
    private final Map<Uuid, Row> policies;

    NbView(Replica replica) {
        this.lsps = replica.rows(NbTables.LSP);
        for (Row lsp : lsps.values()) {
            lspByName.put(lsp.getString("name"), lsp);
            for (Object address : lsp.getSet("addresses")) {
                String[] parts = address.toString().trim().split("\\s+");
                for (int i = 1; i < parts.length; i++) {
                    lspByIp.putIfAbsent(parts[i].replaceFirst("/.*", ""), lsp);
                }
            }
        }
        for (Row ls : replica.rows(NbTables.SWITCH).values()) {
            for (Object port : ls.getSet("ports")) {
                switchOfPort.put((Uuid) port, ls);
            }
        }
        replica.rows(NbTables.ROUTER).values().forEach(r -> routers.putIfAbsent(r.getString("name"), r));
        this.routerPorts = replica.rows(NbTables.ROUTER_PORT);
        replica.rows(NbTables.PORT_GROUP).values().forEach(g -> portGroups.put(g.getString("name"), g));
        this.policies = replica.rows(NbTables.POLICY);
    }

    /**
     * @param name a logical switch port's name
     * @return the port
     */
    public Optional<Row> lsp(String name) {
        return Optional.ofNullable(lspByName.get(name));
    }

    /**
     * @param uuid a logical switch port's UUID
     * @return the port
     */
    public Optional<Row> lsp(Uuid uuid) {
        return Optional.ofNullable(lsps.get(uuid));
    }

    /**
     * @param ip an IP address literal
     * @return a port whose {@code addresses} hold it
     */
    public Optional<Row> lspByIp(String ip) {
        return Optional.ofNullable(lspByIp.get(ip));
    }

    /**
     * @param lsp a logical switch port's UUID
     * @return the switch it is on
     */
    public Optional<Row> switchOf(Uuid lsp) {
        return Optional.ofNullable(switchOfPort.get(lsp));
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
     * @return every port group by name
     */
    public Map<String, Row> portGroups() {
        return Collections.unmodifiableMap(portGroups);
    }

    /**
     * @param uuid a policy's UUID
     * @return the policy
     */
    public Optional<Row> policy(Uuid uuid) {
        return Optional.ofNullable(policies.get(uuid));
    }
}
