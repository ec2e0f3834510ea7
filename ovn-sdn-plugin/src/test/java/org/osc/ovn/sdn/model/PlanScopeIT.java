package org.osc.ovn.sdn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osc.ovn.sdn.nb.ControllerSettings;
import org.osc.ovn.sdn.nb.Ledger;
import org.osc.ovn.sdn.nb.NbConnection;
import org.osc.ovn.sdn.nb.NbConnections;
import org.osc.ovn.sdn.nb.NbTables;
import org.osc.ovn.sdn.nb.NbView;
import org.osc.ovn.sdn.nb.Owned;
import org.osc.ovsdb.Condition;
import org.osc.ovsdb.Mutation;
import org.osc.ovsdb.NamedUuid;
import org.osc.ovsdb.Operation;
import org.osc.ovsdb.OvsdbClient;
import org.osc.ovsdb.OvsdbTestServer;
import org.osc.ovsdb.Uuid;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * A write plans only what it touches: with a thousand OSC port groups (two pods each) and three hooks in a real
 * {@code ovsdb-server}, an update of one group's members compares that group alone (and the policies of the hooks
 * on it), and a change of an inspection port's health only the policies of its own hooks. What a write does not
 * touch is not repaired by it: a policy deleted behind OSC's back stays deleted through an unrelated write, and
 * comes back when OSC installs its hook again (as its reconcile does after the push channel reported it).
 */
class PlanScopeIT {

    private static final String ROUTER = "ovn_cluster_router";
    private static final int GROUPS = 1000;

    private static OvsdbTestServer server;
    private static NbConnections connections;
    private static NbConnection connection;
    private static OvnSession session;
    private static InspectionPort portA;
    private static InspectionPort portB;
    private static InspectionHook hook0;
    private static InspectionHook hook1;
    private static InspectionHook hook2;

    private static String group(int i) {
        return Names.portGroup("osc-sg-" + i);
    }

    private static String pod(int i) {
        return "bench_pod-" + i;
    }

    @BeforeAll
    static void start() throws Exception {
        server = OvsdbTestServer.startTcp();
        server.nbctl("lr-add", ROUTER,
                "--", "lrp-add", ROUTER, "rtos-node1", "0a:58:0a:f4:01:01", "10.244.1.1/24",
                "--", "lrp-add", ROUTER, "rtos-node2", "0a:58:0a:f4:02:01", "10.244.2.1/24",
                "--", "ls-add", "node1", "--", "ls-add", "node2",
                "--", "lsp-add", "node1", "stor-node1", "--", "lsp-set-type", "stor-node1", "router",
                "--", "lsp-set-options", "stor-node1", "router-port=rtos-node1",
                "--", "lsp-add", "node2", "stor-node2", "--", "lsp-set-type", "stor-node2", "router",
                "--", "lsp-set-options", "stor-node2", "router-port=rtos-node2",
                "--", "lsp-add", "node2", "default_vnf-a", "--", "lsp-set-addresses", "default_vnf-a",
                "0a:58:0a:f4:02:0a 10.244.2.10",
                "--", "lsp-add", "node2", "default_vnf-b", "--", "lsp-set-addresses", "default_vnf-b",
                "0a:58:0a:f4:02:0b 10.244.2.11");
        // 2,000 pods on node1 and 1,000 OSC port groups of two pods each, in one transaction.
        List<Operation> operations = new ArrayList<>();
        Set<NamedUuid> lsps = new LinkedHashSet<>();
        for (int i = 0; i < 2 * GROUPS; i++) {
            NamedUuid lsp = new NamedUuid("lsp" + i);
            lsps.add(lsp);
            operations.add(Operation.insert(NbTables.LSP, Map.of("name", pod(i), "addresses", String.format(
                    "0a:58:0a:c8:%02x:%02x 10.200.%d.%d", i / 256, i % 256, i / 256, i % 256)), lsp.name()));
        }
        operations.add(Operation.mutate(NbTables.SWITCH, List.of(Condition.eq("name", "node1")),
                List.of(Mutation.insert("ports", lsps))));
        for (int i = 0; i < GROUPS; i++) {
            operations.add(Operation.insert(NbTables.PORT_GROUP, Map.of("name", group(i),
                    "ports", Set.of(new NamedUuid("lsp" + 2 * i), new NamedUuid("lsp" + (2 * i + 1))),
                    "external_ids", Map.of(Owned.OWNER, Owned.OSC, Owned.KIND, Owned.KIND_PORT_GROUP,
                            Owned.ID, group(i), Model.NAME, "osc-sg-" + i)), null));
        }
        try (OvsdbClient client = OvsdbClient.builder(server.remote()).connect()) {
            assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
            client.transact(NbTables.DATABASE, operations);
        }
        connections = new NbConnections(NbConnection.Timeouts.DEFAULT, Duration.ofMinutes(5), c -> { });
        connection = connections.acquire(ControllerSettings.from(Map.of("northbound", server.remote().toString())));
        connection.awaitReady(Duration.ofSeconds(10));
        session = new OvnSession(connection, ROUTER, () -> { });
        portA = session.registerInspectionPort(vnf("vnf-a"), vnf("vnf-a"));
        portB = session.registerInspectionPort(vnf("vnf-b"), vnf("vnf-b"));
        hook0 = session.installInspectionHook(spec(0, portA));
        hook1 = session.installInspectionHook(spec(1, portB));
        hook2 = session.installInspectionHook(spec(2, portA));
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        if (connections != null) {
            connections.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static NetworkElement vnf(String name) throws Exception {
        return session.getWorkloadPort(new WorkloadIdentity("default", name, "", List.of()));
    }

    private static NetworkElement podPort(int i) throws Exception {
        return session.getWorkloadPort(new WorkloadIdentity("bench", "pod-" + i, "", List.of()));
    }

    private static InspectionHookSpec spec(int group, InspectionPort port) {
        return new InspectionHookSpec(InspectedElement.portGroup(group(group)), port.id(), 0, TagEncapsulation.NONE,
                group, FailurePolicy.FAIL_CLOSE);
    }

    /** The group's members with its second pod replaced by another group's pod. */
    private static Set<Uuid> movedMembers(NbView view, int group) {
        return Set.of(view.lsp(pod(2 * group)).orElseThrow().uuid(),
                view.lsp(pod(2 * ((group + 500) % GROUPS) + 1)).orElseThrow().uuid());
    }

    private static List<String> tables(Plan plan) {
        return plan.operations().stream().map(o -> o.op() + " " + o.json().path("table").asText()).toList();
    }

    @Test
    void updatingOneGroupOfAThousand_comparesThatGroupAlone() throws Exception {
        NbView view = connection.view();
        Model model = Model.of(view);
        Model.Group group = model.group(group(7)).orElseThrow();
        model.putGroup(group.id(), group.name(), movedMembers(view, 7));
        Plan plan = Plan.of(model, view, ROUTER);

        assertEquals(Set.of(group(7)), model.groupIds(), "port groups read");
        assertEquals(Set.of(), model.portIds(), "inspection port records read (no hook on the group)");
        assertEquals(List.of("mutate Port_Group"), tables(plan));
        assertEquals(Set.of(Ledger.key(NbTables.PORT_GROUP, group(7))), plan.expected().keySet());
    }

    @Test
    void updatingAnInspectedGroup_comparesItAndItsHookAlone() throws Exception {
        NbView view = connection.view();
        Model model = Model.of(view);
        Model.Group group = model.group(group(0)).orElseThrow();
        model.putGroup(group.id(), group.name(), movedMembers(view, 0));
        Plan plan = Plan.of(model, view, ROUTER);

        assertEquals(Set.of(group(0)), model.groupIds());
        assertEquals(Set.of(hook0.id()), model.affectedHooks(), "only the hook on the group is recomputed");
        assertEquals(List.of("mutate Port_Group"), tables(plan), "its policy is right already");
    }

    @Test
    void anInspectionPortTurningUnhealthy_plansThePoliciesOfItsOwnHooksAlone() throws Exception {
        NbView view = connection.view();
        Model model = Model.of(view);
        model.setHealthy(model.port(portB.id()).orElseThrow(), false);
        Plan plan = Plan.of(model, view, ROUTER);

        assertEquals(Set.of(), model.groupIds(), "no port group read");
        assertEquals(Set.of(hook1.id()), model.affectedHooks());
        assertEquals(List.of("update Port_Group", "update Logical_Router_Policy"), tables(plan),
                "the record's health and the hook's policy, reroute to drop");
        assertEquals(Set.of(Ledger.key(NbTables.PORT_GROUP, portB.id()), Ledger.key(NbTables.POLICY, hook1.id())),
                plan.expected().keySet());
        assertTrue(plan.operations().get(1).json().toString().contains("\"drop\""), plan.operations().toString());
    }

    @Test
    void aSessionWrite_changesTheGroupInTheDatabase_andNoOtherRow() throws Exception {
        Map<String, String> before = versions();
        PortGroup written = session.updatePortGroup(group(9), Set.of(podPort(18), podPort(600)));
        Map<String, String> after = versions();

        assertEquals(Set.of(pod(18), pod(600)), ids(written.members()));
        assertEquals(Set.of(pod(18), pod(600)), ids(session.getPortGroup(group(9)).orElseThrow().members()));
        List<String> changed = new ArrayList<>();
        after.forEach((row, version) -> {
            if (!version.equals(before.get(row))) {
                changed.add(row);
            }
        });
        assertEquals(1, changed.size(), "rows whose _version changed: " + changed);
        assertEquals(before.keySet(), after.keySet());
    }

    @Test
    void aDriftedPolicy_staysThroughAnUnrelatedWrite_andComesBackWithItsHooksReinstall() throws Exception {
        InspectionHookSpec spec = spec(2, portA);
        server.nbctl("--if-exists", "lr-policy-del", ROUTER, policyUuid(hook2.id()));
        awaitHook(hook2.id(), false);

        session.updatePortGroup(group(11), Set.of(podPort(22)));
        assertTrue(session.getInspectionHook(hook2.id()).isEmpty(), "an unrelated write left the drift alone");

        // What OSC's reconcile does once the push channel reported the hook: it is absent, so install it again.
        assertEquals(hook2.id(), session.installInspectionHook(spec).id());
        assertEquals(List.of(hook2.id()), session.getInspectionHooks(spec.inspected()).stream()
                .map(InspectionHook::id).toList());
    }

    private static String policyUuid(String hookId) throws Exception {
        return server.nbctl("--bare", "--columns=_uuid", "find", "Logical_Router_Policy",
                "external_ids:osc-id=" + hookId).trim();
    }

    private static void awaitHook(String hookId, boolean installed) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (session.getInspectionHook(hookId).isPresent() != installed && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(installed, session.getInspectionHook(hookId).isPresent(), "hook " + hookId + " installed");
    }

    private static Set<String> ids(Set<NetworkElement> elements) {
        Set<String> ids = new LinkedHashSet<>();
        elements.forEach(e -> ids.add(e.id()));
        return ids;
    }

    /** Each OSC row's _version (it changes with every write to the row), by table and UUID. */
    private static Map<String, String> versions() throws Exception {
        Map<String, String> versions = new TreeMap<>();
        try (OvsdbClient client = OvsdbClient.builder(server.remote()).connect()) {
            assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
            for (String table : List.of(NbTables.PORT_GROUP, NbTables.POLICY)) {
                client.transact(NbTables.DATABASE, List.of(Operation.select(table, List.of(),
                        List.of("_uuid", "_version")))).get(0).path("rows").forEach(r -> versions.put(table + " "
                                + r.path("_uuid").get(1).asText(), r.path("_version").get(1).asText()));
            }
        }
        return versions;
    }
}
