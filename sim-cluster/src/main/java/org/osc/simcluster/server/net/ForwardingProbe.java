package org.osc.simcluster.server.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The VNF's readiness probe: its process runs and its network namespace forwards IPv4, i.e. the IP-MIB's
 * {@code ipForwarding} is {@code forwarding(1)} (what {@code ovn-lab forwarder ... on|off} sets through
 * {@code net.ipv4.ip_forward}). It is read from {@code /proc/PID/net/snmp} of the VNF's process, which shows the
 * counters of that process's network namespace, so no command is run per probe. An inspection VNF that does not
 * forward is not ready to sit in the data path, which is what OSC's failure policy acts on.
 */
public final class ForwardingProbe {

    private final Path proc;

    /** Reads the real {@code /proc}. */
    public ForwardingProbe() {
        this(Path.of("/proc"));
    }

    /** @param proc the proc file system's root (tests pass a folder of their own) */
    public ForwardingProbe(Path proc) {
        this.proc = proc;
    }

    /**
     * @param pid the VNF's process
     * @return true if the process runs and its namespace forwards IPv4
     */
    public boolean probe(long pid) {
        Path snmp = proc.resolve(Long.toString(pid)).resolve("net").resolve("snmp");
        List<String> lines;
        try {
            lines = Files.readAllLines(snmp);
        } catch (IOException e) {
            return false; // the process is gone
        }
        return forwarding(lines);
    }

    /**
     * @param snmp the lines of a {@code net/snmp} file
     * @return true if its {@code Ip:} value line says Forwarding 1
     */
    static boolean forwarding(List<String> snmp) {
        String[] names = null;
        for (String line : snmp) {
            if (!line.startsWith("Ip: ")) {
                continue;
            }
            String[] fields = line.substring(4).trim().split("\\s+");
            if (names == null) {
                names = fields;
                continue;
            }
            for (int i = 0; i < names.length && i < fields.length; i++) {
                if (names[i].equals("Forwarding")) {
                    return fields[i].equals("1");
                }
            }
            return false;
        }
        return false;
    }
}
