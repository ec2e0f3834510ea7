package org.osc.simcluster.server.net;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardingProbeTest {

    private static final String HEADER = "Ip: Forwarding DefaultTTL InReceives InHdrErrors\n";

    @TempDir
    Path proc;

    private void snmp(long pid, String values) throws Exception {
        Path net = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("net"));
        Files.writeString(net.resolve("snmp"), HEADER + "Ip: " + values + "\n"
                + "Icmp: InMsgs InErrors\nIcmp: 0 0\n");
    }

    @Test
    void readsIpForwardingOfTheProcesssNamespace() throws Exception {
        snmp(10, "1 64 5 0");
        snmp(11, "2 64 5 0");
        ForwardingProbe probe = new ForwardingProbe(proc);
        assertTrue(probe.probe(10), "forwarding(1)");
        assertFalse(probe.probe(11), "notForwarding(2)");
        assertFalse(probe.probe(12), "no such process");
    }

    @Test
    void agreesWithTheSysctlOfThisProcesssNamespace() throws Exception {
        Path sysctl = Path.of("/proc/sys/net/ipv4/ip_forward");
        Assumptions.assumeTrue(Files.isReadable(sysctl), "Linux only");
        boolean forwarding = Files.readString(sysctl).trim().equals("1");
        assertEquals(forwarding, new ForwardingProbe().probe(ProcessHandle.current().pid()));
        assertFalse(new ForwardingProbe().probe(Long.MAX_VALUE));
    }
}
