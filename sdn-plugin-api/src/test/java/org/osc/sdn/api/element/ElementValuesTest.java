package org.osc.sdn.api.element;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ElementValuesTest {

    private static final NetworkElement PORT = new NetworkElement("p1", List.of("02:00:00:00:00:01"),
            List.of("10.0.0.1"), "ns");

    @Test
    void values_copyTheirCollections() {
        List<String> ips = new ArrayList<>(List.of("10.0.0.1"));
        NetworkElement element = new NetworkElement("p", List.of(), ips, "");
        ips.add("10.0.0.2");
        assertEquals(List.of("10.0.0.1"), element.ipAddresses());

        Map<String, String> attrs = new HashMap<>(Map.of("url", "https://sdn"));
        VirtualizationConnectorElement vc = new VirtualizationConnectorElement("vc", "KUBERNETES", attrs);
        attrs.clear();
        assertEquals(Map.of("url", "https://sdn"), vc.providerAttributes());
        assertThrows(UnsupportedOperationException.class, () -> vc.providerAttributes().put("k", "v"));
    }

    @Test
    void blankIdsAndNulls_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkElement(" ", List.of(), List.of(), ""));
        assertThrows(NullPointerException.class, () -> new NetworkElement("p", List.of(), List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new NetworkElement("p", List.of(""), List.of(), ""));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadIdentity("", "pod", "", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new PortGroup("id", "", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new InspectionPort(null, PORT, PORT));
        assertThrows(IllegalArgumentException.class, () -> InspectedElement.port(""));
    }

    @Test
    void onlyPortsAndPortGroups_canBeInspected() {
        assertThrows(IllegalArgumentException.class,
                () -> new InspectedElement(ElementKind.INSPECTION_PORT, "x"));
        assertEquals(ElementKind.PORT_GROUP, InspectedElement.portGroup("g").kind());
    }

    @Test
    void hookSpec_checksTagRangePerEncapsulation_andOrder() {
        InspectedElement sg = InspectedElement.portGroup("g");
        new InspectionHookSpec(sg, "ip", 4094, TagEncapsulation.VLAN, 0, FailurePolicy.NA);
        new InspectionHookSpec(sg, "ip", (1 << 24) - 1, TagEncapsulation.VXLAN, 0, FailurePolicy.NA);
        assertThrows(IllegalArgumentException.class,
                () -> new InspectionHookSpec(sg, "ip", 4095, TagEncapsulation.VLAN, 0, FailurePolicy.NA));
        assertThrows(IllegalArgumentException.class,
                () -> new InspectionHookSpec(sg, "ip", 1, TagEncapsulation.NONE, 0, FailurePolicy.NA));
        assertThrows(IllegalArgumentException.class,
                () -> new InspectionHookSpec(sg, "ip", -1, TagEncapsulation.MPLS, 0, FailurePolicy.NA));
        assertThrows(IllegalArgumentException.class,
                () -> new InspectionHookSpec(sg, "ip", 1, TagEncapsulation.MPLS, -1, FailurePolicy.NA));
    }

    @Test
    void hook_andSpec_convertBothWays() {
        InspectionHookSpec spec = new InspectionHookSpec(InspectedElement.port("p"), "ip", 7, TagEncapsulation.VLAN,
                3, FailurePolicy.FAIL_OPEN);
        InspectionHook hook = InspectionHook.of("h1", spec);
        assertEquals("h1", hook.id());
        assertEquals(spec, hook.toSpec());
        assertThrows(IllegalArgumentException.class, () -> new InspectionHook("h", spec.inspected(), "ip", 5000,
                TagEncapsulation.VLAN, 0, FailurePolicy.NA));
    }

    @Test
    void workload_qualifiedName_isNamespaceSlashName() {
        assertEquals("ns/pod", new WorkloadIdentity("ns", "pod", "", List.of()).qualifiedName());
    }
}
