package org.osc.simcluster.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command-line flags of {@link SimClusterMain}. Hand-parsed: ten flags do not justify a dependency.
 */
public final class SimClusterFlags {

    /** Printed for {@code --help} and with every usage error. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: SimClusterMain [--port N] [--kubeconfig PATH] [--state PATH] [--pod-cidr CIDR]"
                    + " [--deny VERB:RESOURCE[:NAMESPACE]]... [--exit-with-parent PID]"
                    + " [--network-lab DIR [--nodes N] [--vnf-nodes NODE,...] [--ovn-lab PATH]] [--token-file PATH]",
            "  --port N                 loopback port, 0 = pick a free one (default 0)",
            "  --kubeconfig PATH        kubeconfig to write (default ./kubeconfig)",
            "  --state PATH             state file, loaded at start and saved on change and at exit"
                    + " (default: none, nothing survives a restart)",
            "  --pod-cidr CIDR          IPv4 range for pod IPs (default 10.244.0.0/16)",
            "  --deny RULE              access reviews deny it, e.g. list:pods or create:deployments.apps:shop"
                    + " (repeatable; nothing is enforced)",
            "  --exit-with-parent PID   shut down when that process ends (used by the Java API)",
            "  --network-lab DIR        network mode: plug every pod into the running ovn-lab in DIR (as root)",
            "  --nodes N                network mode: nodes node1..nodeN (default: one per node switch of the lab)",
            "  --vnf-nodes LIST         network mode: nodes reserved for OSC's VNF pods, e.g. node3",
            "  --ovn-lab PATH           network mode: the ovn-lab script (default: the copy built into sim-cluster)",
            "  --token-file PATH        require Authorization: Bearer <the file's token> on every API request"
                    + " (401 otherwise; default: no check)");

    private int port;
    private Path kubeconfig = Path.of("kubeconfig");
    private Path state;
    private String podCidr = "10.244.0.0/16";
    private Long parentPid;
    private final List<DenyRule> denied = new ArrayList<>();
    private boolean help;
    private Path networkLab;
    private int nodes;
    private final List<String> vnfNodes = new ArrayList<>();
    private Path ovnLab;
    private Path tokenFile;

    private SimClusterFlags() {
    }

    /**
     * @param args {@code --name value} or {@code --name=value}
     * @return the parsed flags
     * @throws IllegalArgumentException on an unknown flag, a missing value or a bad number
     */
    public static SimClusterFlags parse(String... args) {
        SimClusterFlags flags = new SimClusterFlags();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                flags.help = true;
                continue;
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            flags.set(name, value);
        }
        if (flags.networkLab == null && (flags.nodes != 0 || !flags.vnfNodes.isEmpty() || flags.ovnLab != null)) {
            throw new IllegalArgumentException("--nodes, --vnf-nodes and --ovn-lab need --network-lab");
        }
        return flags;
    }

    private void set(String name, String value) {
        switch (name) {
            case "--port":
                port = parsePort(value);
                break;
            case "--kubeconfig":
                kubeconfig = Path.of(value);
                break;
            case "--state":
                state = Path.of(value);
                break;
            case "--pod-cidr":
                podCidr = value;
                break;
            case "--deny":
                denied.add(DenyRule.parse(value));
                break;
            case "--exit-with-parent":
                parentPid = Long.parseLong(value);
                break;
            case "--network-lab":
                networkLab = Path.of(value);
                break;
            case "--nodes":
                nodes = Integer.parseInt(value);
                if (nodes < 1 || nodes > 254) {
                    throw new IllegalArgumentException("--nodes takes 1 to 254: " + value);
                }
                break;
            case "--vnf-nodes":
                for (String node : value.split(",")) {
                    if (!node.isBlank()) {
                        vnfNodes.add(node.trim());
                    }
                }
                break;
            case "--ovn-lab":
                ovnLab = Path.of(value);
                break;
            case "--token-file":
                tokenFile = Path.of(value);
                break;
            default:
                throw new IllegalArgumentException("unknown flag " + name);
        }
    }

    private static int parsePort(String value) {
        int p = Integer.parseInt(value);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port out of range: " + value);
        }
        return p;
    }

    /** @return the port, 0 for any free one */
    public int port() {
        return port;
    }

    /** @return where to write the kubeconfig */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** @return the state file, empty when state is not persisted */
    public Optional<Path> state() {
        return Optional.ofNullable(state);
    }

    /** @return the pod CIDR */
    public String podCidr() {
        return podCidr;
    }

    /** @return the permissions access reviews deny from the start */
    public List<DenyRule> denied() {
        return List.copyOf(denied);
    }

    /** @return the process whose end ends the simulator, if any */
    public Optional<Long> parentPid() {
        return Optional.ofNullable(parentPid);
    }

    /** @return the started ovn-lab folder of network mode; empty when network mode is off */
    public Optional<Path> networkLab() {
        return Optional.ofNullable(networkLab);
    }

    /** @return how many nodes network mode has; 0 for one per node switch of the lab */
    public int nodes() {
        return nodes;
    }

    /** @return the nodes network mode reserves for OSC's VNF pods */
    public List<String> vnfNodes() {
        return List.copyOf(vnfNodes);
    }

    /** @return the ovn-lab script; empty for the copy built into sim-cluster */
    public Optional<Path> ovnLab() {
        return Optional.ofNullable(ovnLab);
    }

    /** @return the file holding the bearer token every API request must carry; empty: no check */
    public Optional<Path> tokenFile() {
        return Optional.ofNullable(tokenFile);
    }

    /** @return true if usage was asked for */
    public boolean help() {
        return help;
    }
}
