package org.osc.simcluster.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimClusterFlagsTest {

    @Test
    void defaults() {
        SimClusterFlags flags = SimClusterFlags.parse();
        assertEquals(0, flags.port());
        assertEquals(Path.of("kubeconfig"), flags.kubeconfig());
        assertEquals(Optional.empty(), flags.state());
        assertEquals("10.244.0.0/16", flags.podCidr());
        assertTrue(flags.denied().isEmpty());
    }

    @Test
    void bothSpellings() {
        SimClusterFlags flags = SimClusterFlags.parse("--port", "8080", "--state=work/s.json", "--pod-cidr=10.9.0.0/16",
                "--exit-with-parent", "42");
        assertEquals(8080, flags.port());
        assertEquals(Optional.of(Path.of("work/s.json")), flags.state());
        assertEquals("10.9.0.0/16", flags.podCidr());
        assertEquals(Optional.of(42L), flags.parentPid());
        assertTrue(SimClusterFlags.parse("--help").help());
    }

    @Test
    void denyIsRepeatable() {
        SimClusterFlags flags = SimClusterFlags.parse("--deny", "list:pods", "--deny=create:deployments.apps:shop");
        assertEquals(java.util.List.of(new DenyRule("list", "pods", null),
                new DenyRule("create", "deployments.apps", "shop")), flags.denied());
        assertThrows(IllegalArgumentException.class, () -> SimClusterFlags.parse("--deny", "pods"));
    }

    @Test
    void networkMode() {
        assertEquals(Optional.empty(), SimClusterFlags.parse().networkLab());
        SimClusterFlags flags = SimClusterFlags.parse("--network-lab", "lab", "--nodes", "3", "--vnf-nodes",
                "node3, node2", "--ovn-lab=bin/ovn-lab");
        assertEquals(Optional.of(Path.of("lab")), flags.networkLab());
        assertEquals(3, flags.nodes());
        assertEquals(java.util.List.of("node3", "node2"), flags.vnfNodes());
        assertEquals(Optional.of(Path.of("bin/ovn-lab")), flags.ovnLab());
        assertThrows(IllegalArgumentException.class, () -> SimClusterFlags.parse("--nodes", "2"));
        assertThrows(IllegalArgumentException.class, () -> SimClusterFlags.parse("--network-lab", "l", "--nodes", "0"));
    }

    @Test
    void errors() {
        assertThrows(IllegalArgumentException.class, () -> SimClusterFlags.parse("--nope", "1"));
        assertThrows(IllegalArgumentException.class, () -> SimClusterFlags.parse("--port"));
        assertThrows(IllegalArgumentException.class, () -> SimClusterFlags.parse("--port", "70000"));
    }
}
