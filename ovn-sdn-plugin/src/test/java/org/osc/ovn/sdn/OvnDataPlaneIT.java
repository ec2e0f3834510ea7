package org.osc.ovn.sdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.contract.RecordingNotifications;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * Packets through a real VNF on a real OVN data plane, steered only through the plugin's SPI: a client pod on
 * node2, a protected and an unprotected pod on node1, a forwarding VNF pod on node3 whose {@code tcpdump} is the
 * witness. Checks inspection, both failure policies, recovery, removal, the push channel on drift made with
 * {@code ovn-nbctl}, and a northbound database restart.
 */
class OvnDataPlaneIT {

    private static final String NS = "default";
    private static final String CLIENT = "10.244.2.10";
    private static final String WEB = "10.244.1.10";
    private static final String OTHER = "10.244.1.11";
    private static final String VNF = "10.244.3.10";

    /** ICMP echo on a raw socket (iputils' ping may be missing); prints the number of replies. */
    private static final String PING = """
            import os, select, socket, struct, sys, time
            def csum(d):
                s = sum(struct.unpack("!%dH" % (len(d) // 2), d))
                s = (s >> 16) + (s & 0xffff)
                return ~(s + (s >> 16)) & 0xffff
            dst, count = sys.argv[1], int(sys.argv[2])
            sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
            ident, got, body = os.getpid() & 0xffff, 0, b"osc-ovn-" * 7
            for seq in range(1, count + 1):
                head = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
                sock.sendto(struct.pack("!BBHHH", 8, 0, csum(head + body), ident, seq) + body, (dst, 0))
                end = time.time() + 1
                while time.time() < end and select.select([sock], [], [], end - time.time())[0]:
                    data, addr = sock.recvfrom(2048)
                    ihl = (data[0] & 0xf) * 4
                    kind, _, _, rid, rseq = struct.unpack("!BBHHH", data[ihl:ihl + 8])
                    if addr[0] == dst and kind == 0 and rid == ident and rseq == seq:
                        got += 1
                        break
            print(got)
            """;

    /** A TCP echo server for one line per connection. */
    private static final String ECHO = """
            import socket, sys
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((sys.argv[1], 7000))
            s.listen(8)
            while True:
                c, _ = s.accept()
                with c:
                    c.settimeout(3)
                    try:
                        c.sendall(b"echo: " + c.makefile("rb").readline())
                    except OSError:
                        pass
            """;

    private OvnLab lab;
    private OvnSdnController ovn;
    private Path capture;
    private Path ping;

    @AfterEach
    void stop() throws Exception {
        if (ovn != null) {
            ovn.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Timeout(120)
    void trafficOfTheGroupCrossesTheVnf_andFollowsHealthFailurePolicyDriftAndRestarts() throws Exception {
        long start = System.nanoTime();
        lab = OvnLab.start(3);
        lab.plug("node2", NS, "client", CLIENT);
        lab.plug("node1", NS, "web", WEB);
        lab.plug("node1", NS, "other", OTHER);
        lab.plug("node3", NS, "vnf", VNF);
        lab.forwarder(NS, "vnf", true);
        ping = lab.dir().resolve("ping.py");
        Files.writeString(ping, PING);
        Path echo = lab.dir().resolve("echo.py");
        Files.writeString(echo, ECHO);
        lab.background(lab.dir().resolve("echo.out"), NS, "web", "python3", echo.toString(), WEB);
        capture = lab.dir().resolve("vnf.capture");
        lab.background(capture, NS, "vnf", "tcpdump", "-n", "-l", "-i", "eth0", "icmp or tcp port 7000");

        ovn = new OvnSdnController();
        VirtualizationConnectorElement connector = new VirtualizationConnectorElement("lab", "KUBERNETES",
                Map.of("northbound", lab.northbound()));
        RecordingNotifications notifications = new RecordingNotifications();
        ovn.startNotifications(notifications);
        assertTrue(ovn.getStatus(connector).ready());

        InspectionHook hook;
        InspectionHookSpec spec;
        try (RedirectionSession session = ovn.openSession(connector)) {
            NetworkElement web = session.getWorkloadPort(pod("web", WEB));
            NetworkElement vnf = session.getWorkloadPort(pod("vnf", VNF));
            PortGroup group = session.registerPortGroup("sg-web", Set.of(web));
            InspectionPort port = session.registerInspectionPort(vnf, vnf);
            spec = new InspectionHookSpec(InspectedElement.portGroup(group.id()), port.id(), 0,
                    TagEncapsulation.NONE, 1, FailurePolicy.FAIL_CLOSE);
            hook = session.installInspectionHook(spec);
        }
        lab.sync();
        awaitCapture("tcpdump to listen", () -> true);
        assertInspected("group installed");
        int before = seen(OTHER);
        assertEquals(2, ping(OTHER), "the unprotected pod answers");
        Thread.sleep(200);
        assertEquals(before, seen(OTHER), "traffic of the unprotected pod does not cross the VNF");
        String reply = lab.exec(10, NS, "client", "timeout", "3", "bash", "-c",
                "exec 3<>/dev/tcp/" + WEB + "/7000 && echo hello >&3 && read -r line <&3 && echo \"$line\"");
        assertEquals("echo: hello", reply, "a TCP exchange through the VNF");
        awaitCapture("the TCP exchange in the VNF's capture", () -> lines(WEB + ".7000 > " + CLIENT) > 0
                && lines(CLIENT) > 0);

        try (RedirectionSession session = ovn.openSession(connector)) {
            session.setInspectionPortHealthy(spec.inspectionPortId(), false);
        }
        lab.sync();
        assertEquals(0, ping(WEB), "unhealthy VNF, FAIL_CLOSE: the protected pod is cut off");
        assertEquals(2, ping(OTHER), "the unprotected pod is not");

        try (RedirectionSession session = ovn.openSession(connector)) {
            spec = new InspectionHookSpec(spec.inspected(), spec.inspectionPortId(), 0, TagEncapsulation.NONE, 1,
                    FailurePolicy.FAIL_OPEN);
            assertEquals(hook.id(), session.updateInspectionHook(hook.id(), spec).id());
        }
        lab.sync();
        assertDirect("unhealthy VNF, FAIL_OPEN");

        try (RedirectionSession session = ovn.openSession(connector)) {
            session.setInspectionPortHealthy(spec.inspectionPortId(), true);
        }
        lab.sync();
        assertInspected("healthy again");

        // Drift: an operator deletes the hook's policy. The push channel says so, the hook reads as absent,
        // and installing it again (what OSC's reconcile does) restores it under the same id.
        lab.nbctl("lr-policy-del", "ovn_cluster_router",
                lab.nbctl("--bare", "--columns=_uuid", "find", "Logical_Router_Policy", "external_ids:osc-id="
                        + hook.id()));
        String hookId = hook.id();
        assertTrue(notifications.await(RecordingNotifications.element(connector, ElementKind.INSPECTION_HOOK,
                hookId), Duration.ofSeconds(5)).isPresent(), "elementChanged for the deleted policy");
        try (RedirectionSession session = ovn.openSession(connector)) {
            assertTrue(session.getInspectionHook(hookId).isEmpty(), "a hook without its policy is not installed");
            assertEquals(hookId, session.installInspectionHook(spec).id());
        }
        lab.sync();
        assertInspected("restored");

        // The northbound database restarts: calls fail while it is down, and work again once it is back.
        InspectionHookSpec current = spec;
        lab.restartNorthbound(() -> assertThrows(ControllerUnreachableException.class, () -> {
            try (RedirectionSession session = ovn.openSession(connector)) {
                session.installInspectionHook(current);
            }
        }));
        long restarted = System.nanoTime();
        try (RedirectionSession session = ovn.openSession(connector)) {
            assertEquals(hookId, session.installInspectionHook(spec).id(), "the same hook after the restart");
            System.out.printf("OVN data plane: the session works again %d ms after the NB restart%n",
                    (System.nanoTime() - restarted) / 1_000_000);
            session.removeInspectionHook(hookId);
        }
        lab.sync();
        assertDirect("hook removed");
        System.out.printf("OVN data plane test: %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    private static WorkloadIdentity pod(String name, String ip) {
        return new WorkloadIdentity(NS, name, "", List.of(ip));
    }

    private int ping(String ip) throws Exception {
        return Integer.parseInt(lab.exec(10, NS, "client", "python3", ping.toString(), ip, "2"));
    }

    /** Capture lines naming an address (requests to it and replies from it, received and forwarded). */
    private int seen(String ip) throws Exception {
        return lines(ip + ":") + lines(ip + " >") + lines("> " + ip);
    }

    private int lines(String text) throws Exception {
        return (int) Files.readAllLines(capture).stream().filter(l -> l.contains(text)).count();
    }

    private void assertInspected(String when) throws Exception {
        int before = lines("> " + WEB + ": ICMP echo request");
        assertEquals(2, ping(WEB), when + ": the protected pod answers");
        awaitCapture(when + ": both echo requests in the VNF's capture (received and forwarded)",
                () -> lines("> " + WEB + ": ICMP echo request") >= before + 4);
    }

    private void assertDirect(String when) throws Exception {
        int before = seen(WEB);
        assertEquals(2, ping(WEB), when + ": the protected pod answers");
        Thread.sleep(200);
        assertEquals(before, seen(WEB), when + ": its traffic goes direct, not through the VNF");
    }

    /** A check of the capture file. */
    private interface Check {
        boolean ok() throws Exception;
    }

    private void awaitCapture(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!check.ok() || !Files.readString(capture).contains("listening on")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not seen; capture:\n" + Files.readString(capture));
            }
            Thread.sleep(50);
        }
    }
}
