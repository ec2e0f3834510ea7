package org.osc.simcluster.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command-line flags of {@link SimClusterMain}. Hand-parsed: six flags do not justify a dependency.
 */
public final class SimClusterFlags {

    /** Printed for {@code --help} and with every usage error. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: SimClusterMain [--port N] [--kubeconfig PATH] [--state PATH] [--pod-cidr CIDR]"
                    + " [--deny VERB:RESOURCE[:NAMESPACE]]... [--exit-with-parent PID]",
            "  --port N                 loopback port, 0 = pick a free one (default 0)",
            "  --kubeconfig PATH        kubeconfig to write (default ./kubeconfig)",
            "  --state PATH             state file, loaded at start and saved on change and at exit"
                    + " (default: none, nothing survives a restart)",
            "  --pod-cidr CIDR          IPv4 range for pod IPs (default 10.244.0.0/16)",
            "  --deny RULE              access reviews deny it, e.g. list:pods or create:deployments.apps:shop"
                    + " (repeatable; nothing is enforced)",
            "  --exit-with-parent PID   shut down when that process ends (used by the Java API)");

    private int port;
    private Path kubeconfig = Path.of("kubeconfig");
    private Path state;
    private String podCidr = "10.244.0.0/16";
    private Long parentPid;
    private final List<DenyRule> denied = new ArrayList<>();
    private boolean help;

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

    /** @return true if usage was asked for */
    public boolean help() {
        return help;
    }
}
