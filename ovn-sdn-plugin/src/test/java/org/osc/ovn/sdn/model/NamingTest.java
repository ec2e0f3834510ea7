package org.osc.ovn.sdn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osc.ovsdb.Row;
import org.osc.ovsdb.Uuid;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.TagEncapsulation;

/** Names OVN accepts, stable ids, hook records that survive the round trip, and pods found from port names. */
class NamingTest {

    @Test
    void portGroupNames_areOvnIdentifiers_stable_andKeepSimilarNamesApart() {
        String a = Names.portGroup("osc-sg-12");
        assertTrue(a.matches("[A-Za-z_][A-Za-z0-9_]*"), a);
        assertEquals(a, Names.portGroup("osc-sg-12"), "the same name after a restart");
        assertNotEquals(a, Names.portGroup("osc_sg_12"), "names differing only in '-' and '_'");
        String long1 = Names.portGroup("x".repeat(300) + "1");
        assertTrue(long1.length() < 70 && !long1.equals(Names.portGroup("x".repeat(300) + "2")), long1);
        assertTrue(Names.inspectionPort("ns_vnf-0").matches("osc_ip_[A-Za-z0-9_]+"));
    }

    @Test
    void hookIds_derivedFromThePair_andDistinctPerAttempt() {
        InspectedElement group = InspectedElement.portGroup("osc_pg_a_1");
        assertEquals(Names.hook(group, "ip1", 0), Names.hook(group, "ip1", 0));
        assertNotEquals(Names.hook(group, "ip1", 0), Names.hook(group, "ip2", 0));
        assertNotEquals(Names.hook(group, "ip1", 0), Names.hook(group, "ip1", 1));
    }

    @Test
    void hookRecords_roundTrip_evenWithOddCharacters() {
        InspectionHookSpec spec = new InspectionHookSpec(InspectedElement.port("ns_pod&x=1%"), "osc_ip_v_1", 0,
                TagEncapsulation.NONE, 42, FailurePolicy.FAIL_OPEN);
        HookRecord hook = new HookRecord("osc_hook_abc", spec, "router-1");
        HookRecord back = HookRecord.decode(hook.key(), hook.encode(), "osc_ip_v_1");
        assertEquals(hook, back);
        assertNull(HookRecord.decode("osc-hook-x", "kind=NOPE", "osc_ip_v_1"), "a malformed record is ignored");
        assertNull(HookRecord.decode("other", hook.encode(), "osc_ip_v_1"));
    }

    @Test
    void pods_areFoundFromOvnKubernetesPortNames() {
        assertArrayEquals(new String[] {"default", "web-1"}, Ports.pod(lsp("default_web-1", "", Map.of())));
        assertArrayEquals(new String[] {"ns", "a_b"}, Ports.pod(lsp("ns_a_b", "", Map.of("namespace", "ns"))));
        assertNull(Ports.pod(lsp("stor-node1", "router", Map.of())), "a router port is no pod");
        assertNull(Ports.pod(lsp("k8s-node1", "", Map.of())), "no namespace in the name");
        assertNull(Ports.pod(lsp("a_b", "", Map.of("namespace", "other"))), "the namespace disagrees");
    }

    @Test
    void ipv4Addresses_areReadFromTheAddressesColumn() {
        Row row = new Row("Logical_Switch_Port", new Uuid("u"), Map.of("name", "ns_p", "type", "",
                "addresses", Set.of("0a:58:0a:f4:01:0a 10.244.1.10 fd00::a", "router"), "external_ids", Map.of()));
        assertEquals(List.of("10.244.1.10"), Ports.ipv4(row));
    }

    private static Row lsp(String name, String type, Map<String, String> externalIds) {
        return new Row("Logical_Switch_Port", new Uuid("u-" + name), Map.of("name", name, "type", type,
                "addresses", Set.of(), "external_ids", externalIds));
    }
}
