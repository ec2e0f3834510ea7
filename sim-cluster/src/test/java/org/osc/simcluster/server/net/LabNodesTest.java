package org.osc.simcluster.server.net;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabNodesTest {

    @Test
    void parsesOvnLabsNodesFile() {
        LabNodes nodes = LabNodes.parse(List.of("node1 10.244.1.0/24 10.244.1.1 0a:58:0a:f4:01:01", "",
                "node2 10.244.2.0/24 10.244.2.1 0a:58:0a:f4:02:01"));
        assertEquals(2, nodes.size());
        assertEquals(new LabNodes.Node("node2", "10.244.2.0/24", "10.244.2.1"), nodes.get("node2").orElseThrow());
        assertTrue(nodes.get("node3").isEmpty());
        assertEquals(List.of(new LabNodes.Node("node1", "10.244.1.0/24", "10.244.1.1")), nodes.first(1).all());
        assertThrows(IllegalArgumentException.class, () -> LabNodes.parse(List.of("node1 garbage")));
    }
}
