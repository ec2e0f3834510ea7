package org.osc.ovn.sdn.nb;

import java.util.List;
import java.util.Map;

/** The northbound tables and columns the plugin replicates, and their names. */
public final class NbTables {

    /** The database. */
    public static final String DATABASE = "OVN_Northbound";
    /** Workload (pod) ports, and the switches' router-type ports. */
    public static final String LSP = "Logical_Switch_Port";
    /** Node switches. */
    public static final String SWITCH = "Logical_Switch";
    /** The cluster router. */
    public static final String ROUTER = "Logical_Router";
    /** Router ports. */
    public static final String ROUTER_PORT = "Logical_Router_Port";
    /** Port groups: OSC's security groups and inspection port records. */
    public static final String PORT_GROUP = "Port_Group";
    /** Router policies: OSC's inspection hooks. */
    public static final String POLICY = "Logical_Router_Policy";

    /** What the replica monitors. */
    public static final Map<String, List<String>> COLUMNS = Map.of(
            LSP, List.of("name", "type", "addresses", "options", "external_ids"),
            SWITCH, List.of("name", "ports"),
            ROUTER, List.of("name", "ports", "policies"),
            ROUTER_PORT, List.of("name", "networks", "mac"),
            PORT_GROUP, List.of("name", "ports", "external_ids"),
            POLICY, List.of("priority", "match", "action", "nexthops", "external_ids"));

    private NbTables() {
    }
}
