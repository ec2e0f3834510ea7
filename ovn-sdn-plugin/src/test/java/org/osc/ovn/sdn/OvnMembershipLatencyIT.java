package org.osc.ovn.sdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * How long a new pod takes to join its security group's Port_Group through the plugin, at 1k and 10k pods in
 * the northbound database, against the floor of the same run (a bare client's mutation of the same row). Both
 * are timed from the call to the moment an independent monitor (a second client's replica, as ovn-northd would
 * see it) shows the row changed. The pod's port is created by a third client first, as OVN-Kubernetes would.
 * Prints {@code OVN-MEMBERSHIP} lines (after a few joins to warm up); fails if a member is missing, the median
 * join takes half a second or more, or any join three seconds or more.
 */
class OvnMembershipLatencyIT {

    private static final int JOINS = 40;
    /** Joins before the measured ones, at each size: the JVM compiles the paths on the first few. */
    private static final int WARM_UP = 5;

    @Test
    @Timeout(300)
    void aPodJoinsItsPortGroupWithinMilliseconds_at1kAnd10kPods() throws Exception {
        try (OvsdbTestServer server = OvsdbTestServer.startTcp();
                OvsdbClient cni = OvsdbClient.builder(server.remote()).connect();
                OvsdbClient watcher = OvsdbClient.builder(server.remote()).connect();
                OvnSdnController ovn = new OvnSdnController()) {
            assertTrue(cni.awaitConnected(Duration.ofSeconds(5)));
            cni.transact("OVN_Northbound", List.of(Operation.insert("Logical_Router",
                    Map.of("name", "ovn_cluster_router"), null), Operation.insert("Logical_Switch",
                    Map.of("name", "node1"), null)));
            Map<String, Set<String>> seen = new ConcurrentHashMap<>();
            Map<String, Long> seenAt = new ConcurrentHashMap<>();
            Replica witness = Replica.start(watcher, "OVN_Northbound", Map.of("Port_Group", List.of("name", "ports"),
                    "Logical_Switch_Port", List.of("name")));
            witness.addListener(new ReplicaListener() {
                @Override
                public void onModify(Row previous, Row current) {
                    Set<Object> added = new HashSet<>(current.getSet("ports"));
                    added.removeAll(previous.getSet("ports"));
                    long now = System.nanoTime();
                    added.forEach(p -> seenAt.putIfAbsent(p.toString(), now));
                    seen.put(current.getString("name"), new HashSet<>(current.getSet("ports").stream()
                            .map(Object::toString).toList()));
                }
            });
            assertTrue(witness.awaitSynced(Duration.ofSeconds(5)));
            VirtualizationConnectorElement vc = new VirtualizationConnectorElement("bench", "KUBERNETES",
                    Map.of("northbound", server.remote().toString()));
            int pods = 0;
            for (int size : new int[] {1000, 10000}) {
                pods = addPods(cni, pods, size);
                String group;
                Set<NetworkElement> members = new LinkedHashSet<>();
                try (RedirectionSession session = ovn.openSession(vc)) {
                    for (int i = 0; i < size / 2; i++) {
                        members.add(session.getWorkloadPort(pod("p" + i)));
                    }
                    PortGroup registered = session.registerPortGroup("bench-" + size, members);
                    group = registered.id();
                    assertEquals(size / 2, registered.members().size());
                }
                Uuid floorGroup = (Uuid) OvsdbValues.decode(cni.transact("OVN_Northbound", List.of(Operation.insert(
                        "Port_Group", Map.of("name", "floor_" + size), null))).get(0).get("uuid"));
                List<Long> plugin = new ArrayList<>();
                List<Long> floor = new ArrayList<>();
                for (int i = 0; i < WARM_UP + JOINS; i++) {
                    String name = "join" + size + "-" + i;
                    Uuid lsp = createPod(cni, name);
                    long start = System.nanoTime();
                    try (RedirectionSession session = ovn.openSession(vc)) {
                        members.add(session.getWorkloadPort(pod(name)));
                        session.updatePortGroup(group, members);
                    }
                    long pluginNanos = awaitSeen(seenAt, lsp.value(), start);
                    Uuid other = createPod(cni, "floor" + size + "-" + i);
                    start = System.nanoTime();
                    cni.transact("OVN_Northbound", List.of(Operation.mutate("Port_Group",
                            List.of(Condition.uuidIs(floorGroup)), List.of(Mutation.insert("ports", other)))));
                    long floorNanos = awaitSeen(seenAt, other.value(), start);
                    if (i >= WARM_UP) {
                        plugin.add(pluginNanos);
                        floor.add(floorNanos);
                    }
                }
                assertEquals(size / 2 + WARM_UP + JOINS, seen.get(group).size(), "every member in the Port_Group");
                System.out.printf("OVN-MEMBERSHIP pods=%d group=%d joins=%d plugin(getWorkloadPort+updatePortGroup"
                        + ", session per join) p50=%.1f ms p99=%.1f ms | floor(bare mutate) p50=%.1f ms p99=%.1f ms%n",
                        pods, size / 2, JOINS, pct(plugin, 50), pct(plugin, 99), pct(floor, 50), pct(floor, 99));
                // Bounds loose enough for a loaded 2-core machine: the numbers are printed, not the goal.
                assertTrue(pct(plugin, 50) < 500, "the median join took half a second or more: " + plugin);
                assertTrue(pct(plugin, 100) < 3000, "a join took three seconds or more: " + plugin);
            }
        }
    }

    private static WorkloadIdentity pod(String name) {
        return new WorkloadIdentity("bench", name, "", List.of());
    }

    /** Adds pods p{from}..p{to-1} on node1 in batches, as a CNI would have over time. */
    private static int addPods(OvsdbClient cni, int from, int to) {
        for (int start = from; start < to; start += 1000) {
            List<Operation> ops = new ArrayList<>();
            Set<NamedUuid> names = new LinkedHashSet<>();
            for (int i = start; i < Math.min(to, start + 1000); i++) {
                NamedUuid named = new NamedUuid("p" + i);
                ops.add(Operation.insert("Logical_Switch_Port", Map.of("name", "bench_p" + i, "addresses",
                        Set.of(address(i))), named.name()));
                names.add(named);
            }
            ops.add(Operation.mutate("Logical_Switch", List.of(Condition.eq("name", "node1")),
                    List.of(Mutation.insert("ports", names))));
            cni.transact("OVN_Northbound", ops);
        }
        return to;
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

    private static long awaitSeen(Map<String, Long> seenAt, String uuid, long start) throws InterruptedException {
        long deadline = start + Duration.ofSeconds(5).toNanos();
        while (!seenAt.containsKey(uuid)) {
            assertTrue(System.nanoTime() < deadline, "the witness never saw " + uuid + " join");
            Thread.sleep(0, 200_000);
        }
        return seenAt.get(uuid) - start;
    }

    private static double pct(List<Long> nanos, int percentile) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

}
