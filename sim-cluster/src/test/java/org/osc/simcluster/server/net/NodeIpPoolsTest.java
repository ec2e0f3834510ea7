package org.osc.simcluster.server.net;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeIpPoolsTest {

    private static final LabNodes NODES = LabNodes.parse(List.of(
            "node1 10.244.1.0/24 10.244.1.1 0a:58:0a:f4:01:01",
            "node2 10.244.2.0/24 10.244.2.1 0a:58:0a:f4:02:01"));

    @Test
    void eachNodeHandsOutItsOwnSubnetWithoutGateway() {
        NodeIpPools pools = new NodeIpPools(NODES);
        assertEquals("10.244.1.2", pools.allocate("node1", "a", List.of()));
        assertEquals("10.244.2.2", pools.allocate("node2", "b", List.of()));
        assertEquals("10.244.1.3", pools.allocate("node1", "c", List.of()));
        assertEquals("10.244.1.2", pools.allocate("node1", "a", List.of()), "a pod keeps its address");
        assertEquals(2, pools.podsOn("node1"));
        assertEquals(1, pools.podsOn("node2"));
        assertThrows(IllegalArgumentException.class, () -> pools.allocate("node9", "d", List.of()));
    }

    @Test
    void fullSubnetAndReuseAfterDelete() {
        NodeIpPools pools = new NodeIpPools(NODES);
        Set<String> ips = new HashSet<>();
        for (int i = 0; i < 253; i++) {
            ips.add(pools.allocate("node1", "pod-" + i, List.of()));
        }
        assertEquals(253, ips.size());
        assertFalse(ips.contains("10.244.1.1"));
        assertFalse(ips.contains("10.244.1.255"));
        assertThrows(IllegalStateException.class, () -> pools.allocate("node1", "one-too-many", List.of()));
        pools.release("pod-7");
        assertEquals("10.244.1.9", pools.allocate("node1", "new", List.of()), "the freed address is reused");
    }

    @Test
    void freedAddressIsNotReusedAtOnce() {
        NodeIpPools pools = new NodeIpPools(NODES);
        String first = pools.allocate("node1", "a", List.of());
        pools.release("a");
        assertNotEquals(first, pools.allocate("node1", "b", List.of()));
    }

    @Test
    void addressesOfOtherLabPodsAreSkipped() {
        NodeIpPools pools = new NodeIpPools(NODES);
        assertEquals("10.244.1.4", pools.allocate("node1", "a", List.of("10.244.1.2", "10.244.1.3")));
        pools.release("a");
        // the lab pod on .2 went away, the one on .5 came: .5 is skipped
        assertEquals("10.244.1.6", pools.allocate("node1", "b", List.of("10.244.1.5")));
    }

    @Test
    void claimKeepsRestoredAddressesAndMovesBetweenNodes() {
        NodeIpPools pools = new NodeIpPools(NODES);
        assertTrue(pools.claim("node1", "a", "10.244.1.50"));
        assertFalse(pools.claim("node1", "b", "10.244.1.50"), "taken by a");
        assertFalse(pools.claim("node1", "b", "10.244.2.50"), "not in node1's subnet");
        assertFalse(pools.claim("node9", "b", "10.244.9.50"));
        assertEquals("10.244.1.51", pools.allocate("node1", "b", List.of()), "continues after a restored address");
        assertTrue(pools.claim("node2", "a", "10.244.2.7"));
        assertEquals(1, pools.podsOn("node1"));
        assertEquals("node2", pools.nodeOf("a").orElseThrow());
        pools.retainOnly(List.of("b"));
        assertEquals(0, pools.podsOn("node2"));
    }
}
