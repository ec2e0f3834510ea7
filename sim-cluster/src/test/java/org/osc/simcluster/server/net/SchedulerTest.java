package org.osc.simcluster.server.net;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SchedulerTest {

    private static final List<String> NODES = List.of("node1", "node2", "node3");

    @Test
    void spreadsPodsOverTheLeastUsedNode() {
        Scheduler scheduler = new Scheduler(NODES, Set.of());
        Map<String, Integer> pods = Map.of("node1", 2, "node2", 1, "node3", 1);
        assertEquals(Optional.of("node2"), scheduler.pick(false, null, pods::get), "fewest, first on a tie");
        assertEquals(Optional.of("node2"), scheduler.pick(true, Map.of(), pods::get));
    }

    @Test
    void hostnameSelectorIsObeyed() {
        Scheduler scheduler = new Scheduler(NODES, Set.of("node3"));
        assertEquals(Optional.of("node1"), scheduler.pick(false, Map.of(Scheduler.HOSTNAME_LABEL, "node1"), n -> 9));
        assertEquals(Optional.of("node3"), scheduler.pick(false, Map.of(Scheduler.HOSTNAME_LABEL, "node3"), n -> 0),
                "an explicit choice may use a VNF node");
        assertEquals(Optional.empty(), scheduler.pick(false, Map.of(Scheduler.HOSTNAME_LABEL, "node7"), n -> 0));
    }

    @Test
    void vnfNodesTakeVnfPodsOnly() {
        Scheduler scheduler = new Scheduler(NODES, Set.of("node3"));
        assertEquals(Optional.of("node3"), scheduler.pick(true, null, n -> n.equals("node3") ? 5 : 0));
        assertEquals(Optional.of("node2"), scheduler.pick(false, null, n -> n.equals("node1") ? 1 : 0));
    }

    @Test
    void badVnfNodes() {
        assertThrows(IllegalArgumentException.class, () -> new Scheduler(NODES, Set.of("node4")));
        assertThrows(IllegalArgumentException.class, () -> new Scheduler(List.of("node1"), Set.of("node1")));
    }
}
