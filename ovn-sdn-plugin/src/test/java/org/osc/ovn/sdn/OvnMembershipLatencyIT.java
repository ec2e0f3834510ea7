package org.osc.ovn.sdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osc.ovsdb.Condition;
import org.osc.ovsdb.Mutation;
import org.osc.ovsdb.NamedUuid;
import org.osc.ovsdb.Operation;
import org.osc.ovsdb.OvsdbClient;
import org.osc.ovsdb.OvsdbTestServer;
import org.osc.ovsdb.OvsdbValues;
import org.osc.ovsdb.Replica;
import org.osc.ovsdb.ReplicaListener;
import org.osc.ovsdb.Row;
import org.osc.ovsdb.Uuid;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * Pods joining and leaving a security group's {@code Port_Group} through the plugin, as an independent monitor
 * (a second client's replica, as ovn-northd would see the row) sees them: each new pod's port (made by a third
 * client first, as OVN-Kubernetes would) is in the row after the plugin's update, a pod that leaves is out of it, and
 * the plugin's own view ({@code getPortGroup}) agrees with the monitor's. Correctness only, at a small size: how
 * long this takes, at 1k and 10k pods and against the floor of a bare client's mutation, is measured by the
 * membership benchmark ({@code scripts/bench --sdn ovn}, {@code bench/README.md}), not by a timed test.
 */
class OvnMembershipLatencyIT {

    private static final int PODS = 300;
    private static final int JOINS = 10;

    @Test
    @Timeout(120)
    void podsJoiningAndLeavingAPortGroupAreSeenByAnIndependentMonitor() throws Exception {
        try (OvsdbTestServer server = OvsdbTestServer.startTcp();
                OvsdbClient cni = OvsdbClient.builder(server.remote()).connect();
                OvsdbClient watcher = OvsdbClient.builder(server.remote()).connect();
                OvnSdnController ovn = new OvnSdnController()) {
            assertTrue(cni.awaitConnected(Duration.ofSeconds(5)));
            cni.transact("OVN_Northbound", List.of(Operation.insert("Logical_Router",
                    Map.of("name", "ovn_cluster_router"), null), Operation.insert("Logical_Switch",
                    Map.of("name", "node1"), null)));
            Map<String, Set<Object>> seen = new ConcurrentHashMap<>();
            Replica witness = Replica.start(watcher, "OVN_Northbound", Map.of("Port_Group", List.of("name", "ports"),
                    "Logical_Switch_Port", List.of("name")));
            witness.addListener(new ReplicaListener() {
                @Override
                public void onInsert(Row row) {
                    seen.put(row.getString("name"), Set.copyOf(row.getSet("ports")));
                }

                @Override
                public void onModify(Row previous, Row current) {
                    seen.put(current.getString("name"), Set.copyOf(current.getSet("ports")));
                }
            });
            assertTrue(witness.awaitSynced(Duration.ofSeconds(5)));
            VirtualizationConnectorElement vc = new VirtualizationConnectorElement("bench", "KUBERNETES",
                    Map.of("northbound", server.remote().toString()));
            addPods(cni, PODS);
            Set<NetworkElement> members = new LinkedHashSet<>();
            String group;
            try (RedirectionSession session = ovn.openSession(vc)) {
                for (int i = 0; i < PODS / 2; i++) {
                    members.add(session.getWorkloadPort(pod("p" + i)));
                }
                group = session.registerPortGroup("web", members).id();
            }
            Set<Uuid> expected = new HashSet<>();
            for (int i = 0; i < PODS / 2; i++) {
                expected.add(lsp(witness, "bench_p" + i));
            }
            awaitSeen(seen, group, expected);
            List<NetworkElement> joined = new ArrayList<>();
            for (int i = 0; i < JOINS; i++) {
                Uuid lsp = createPod(cni, "join" + i);
                try (RedirectionSession session = ovn.openSession(vc)) {
                    NetworkElement port = session.getWorkloadPort(pod("join" + i));
                    joined.add(port);
                    members.add(port);
                    session.updatePortGroup(group, members);
                }
                expected.add(lsp);
                awaitSeen(seen, group, expected);
            }
            // Every other new pod leaves again.
            for (int i = 0; i < JOINS; i += 2) {
                members.remove(joined.get(i));
                try (RedirectionSession session = ovn.openSession(vc)) {
                    session.updatePortGroup(group, members);
                }
                expected.remove(lsp(witness, "bench_join" + i));
                awaitSeen(seen, group, expected);
            }
            try (RedirectionSession session = ovn.openSession(vc)) {
                Set<String> plugin = new HashSet<>();
                session.getPortGroup(group).orElseThrow().members().forEach(m -> plugin.add(m.id()));
                Set<String> monitor = new HashSet<>();
                for (Uuid uuid : expected) {
                    monitor.add(witness.row("Logical_Switch_Port", uuid).orElseThrow().getString("name"));
                }
                assertEquals(monitor, plugin, "the plugin's view of the Port_Group is the monitor's");
                assertEquals(PODS / 2 + JOINS / 2, plugin.size());
            }
        }
    }

    private static WorkloadIdentity pod(String name) {
        return new WorkloadIdentity("bench", name, "", List.of());
    }

    /** Adds the ports of pods p0..p{count-1} on node1 in batches, as a CNI would have over time. */
    private static void addPods(OvsdbClient cni, int count) {
        for (int start = 0; start < count; start += 1000) {
            List<Operation> ops = new ArrayList<>();
            Set<NamedUuid> names = new LinkedHashSet<>();
            for (int i = start; i < Math.min(count, start + 1000); i++) {
                NamedUuid named = new NamedUuid("p" + i);
                ops.add(Operation.insert("Logical_Switch_Port", Map.of("name", "bench_p" + i, "addresses",
                        Set.of(address(i))), named.name()));
                names.add(named);
            }
            ops.add(Operation.mutate("Logical_Switch", List.of(Condition.eq("name", "node1")),
                    List.of(Mutation.insert("ports", names))));
            cni.transact("OVN_Northbound", ops);
        }
    }

    private static Uuid createPod(OvsdbClient cni, String name) {
        List<Operation> ops = List.of(Operation.insert("Logical_Switch_Port", Map.of("name", "bench_" + name,
                "addresses", Set.of(address(20000 + Math.abs(name.hashCode() % 40000)))), "lsp"),
                Operation.mutate("Logical_Switch", List.of(Condition.eq("name", "node1")),
                        List.of(Mutation.insert("ports", new NamedUuid("lsp")))));
        return (Uuid) OvsdbValues.decode(cni.transact("OVN_Northbound", ops).get(0).get("uuid"));
    }

    private static String address(int i) {
        return String.format("0a:58:0a:%02x:%02x:%02x 10.%d.%d.%d", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff,
                64 + ((i >> 16) & 0x3f), (i >> 8) & 0xff, Math.max(1, i & 0xff));
    }

    /** @return the uuid of the named port once the monitor has it */
    private static Uuid lsp(Replica witness, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Optional<Row> row = witness.rows("Logical_Switch_Port").values().stream()
                    .filter(r -> name.equals(r.getString("name"))).findFirst();
            if (row.isPresent()) {
                return row.get().uuid();
            }
            assertTrue(System.nanoTime() < deadline, "the monitor never saw the port " + name);
            Thread.sleep(5);
        }
    }

    /** Waits until the monitor's row of the port group holds exactly the expected ports. */
    private static void awaitSeen(Map<String, Set<Object>> seen, String group, Set<Uuid> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Set.copyOf(expected).equals(seen.get(group))) {
            assertTrue(System.nanoTime() < deadline, "the monitor never saw " + group + " hold exactly "
                    + expected.size() + " ports; it saw " + (seen.get(group) == null ? "no row"
                    : seen.get(group).size() + " ports"));
            Thread.sleep(5);
        }
    }
}
