package org.osc.itests.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.osc.simcluster.OvnLabScript;

/**
 * Traffic between pods of an OVN lab, and what the VNF pods' captures saw of it: the independent witness that a
 * packet went through a security function (each VNF pod's tcpdump, as sim-cluster's network mode runs it). Every
 * command is bounded; servers started in pods are stopped by {@link #close()}.
 */
final class LabTraffic implements AutoCloseable {

    /** What a pinged or connected pod does to be seen: one exchange of each, a short timeout. */
    private static final String TIMEOUT = "0.5";

    /** A TCP echo server on port 7 of a pod: answers each connection with what it received. */
    private static final String ECHO_SERVER = "import socket\n"
            + "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
            + "s.bind(('0.0.0.0', 7)); s.listen(16)\n"
            + "while True:\n"
            + "    c, _ = s.accept(); c.settimeout(2)\n"
            + "    try: c.sendall(c.recv(100))\n"
            + "    except OSError: pass\n"
            + "    c.close()\n";

    /** A TCP client: sends a word to port 7 and prints what comes back. */
    private static final String ECHO_CLIENT = "import socket, sys\n"
            + "c = socket.create_connection((sys.argv[1], 7), timeout=" + TIMEOUT + ")\n"
            + "c.sendall(b'inspect-me'); print(c.recv(100).decode())\n";

    /** How the pods' capture files are found: by namespace and pod. */
    interface Captures {
        Path of(String namespace, String pod);
    }

    private final OvnLabScript lab;
    private final Captures captures;
    private final List<Process> servers = new ArrayList<>();

    LabTraffic(OvnLabScript lab, Captures captures) {
        this.lab = lab;
        this.captures = captures;
    }

    /** @return whether one ping from the pod to the address is answered within half a second */
    boolean ping(String namespace, String from, String toIp) throws IOException {
        return lab.ping(namespace, from, toIp, 1, Double.parseDouble(TIMEOUT)) == 1;
    }

    /** Starts a TCP echo server on port 7 of the pod (stopped with the pod or by {@link #close()}). */
    void echoServer(String namespace, String pod) throws IOException {
        servers.add(new ProcessBuilder(lab.script().toString(), "exec", lab.dir().toString(), namespace, pod, "--",
                "python3", "-c", ECHO_SERVER).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start());
    }

    /** @return whether a TCP exchange with the echo server at the address succeeds */
    boolean echo(String namespace, String from, String toIp) {
        try {
            return lab.exec(namespace, from, "python3", "-c", ECHO_CLIENT, toIp).contains("inspect-me");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param vnfs the VNF pods whose captures count, as namespace and name
     * @return how many packets from one address to the other (any port) the VNF pods' captures hold
     */
    long seen(List<String[]> vnfs, String srcIp, String dstIp) throws IOException {
        Pattern packet = Pattern.compile(" " + Pattern.quote(srcIp) + "(\\.\\d+)? > " + Pattern.quote(dstIp)
                + "(\\.\\d+)?: ");
        long count = 0;
        for (String[] vnf : vnfs) {
            Path file = captures.of(vnf[0], vnf[1]);
            if (Files.exists(file)) {
                count += Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(l -> packet.matcher(l).find()).count();
            }
        }
        return count;
    }

    /**
     * @return whether a ping and its reply between the pods went through one of the VNFs: the ping is answered and
     *     the captures grow in both directions (waiting a moment for tcpdump's lines)
     */
    boolean inspectedPing(List<String[]> vnfs, String namespace, String from, String fromIp, String toIp)
            throws IOException, InterruptedException {
        long requests = seen(vnfs, fromIp, toIp);
        long replies = seen(vnfs, toIp, fromIp);
        if (!ping(namespace, from, toIp)) {
            return false;
        }
        return settle(() -> seen(vnfs, fromIp, toIp) > requests && seen(vnfs, toIp, fromIp) > replies);
    }

    /** @return whether a ping between the pods is answered without any VNF seeing it */
    boolean directPing(List<String[]> vnfs, String namespace, String from, String fromIp, String toIp)
            throws IOException, InterruptedException {
        long before = seen(vnfs, fromIp, toIp) + seen(vnfs, toIp, fromIp);
        if (!ping(namespace, from, toIp)) {
            return false;
        }
        return !settle(() -> seen(vnfs, fromIp, toIp) + seen(vnfs, toIp, fromIp) > before);
    }

    /** A condition on the captures. */
    private interface Check {
        boolean holds() throws IOException;
    }

    /** @return whether the check holds within 300 ms (tcpdump writes a line as soon as it sees a packet) */
    private static boolean settle(Check check) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() {
        servers.forEach(Process::destroyForcibly);
    }
}
