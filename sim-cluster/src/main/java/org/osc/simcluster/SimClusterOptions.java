package org.osc.simcluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osc.simcluster.server.DenyRule;

/**
 * How {@link SimCluster#start(java.nio.file.Path, SimClusterOptions)} launches the simulator process.
 * Immutable; every {@code with...} method returns a copy.
 */
public final class SimClusterOptions {

    /** The pod network used when none is given, the same default as kubeadm with flannel. */
    public static final String DEFAULT_POD_CIDR = "10.244.0.0/16";

    private final int port;
    private final String podCidr;
    private final Duration startTimeout;
    private final List<String> jvmArgs;
    private final List<String> denied;
    private final Network network;
    private final Path tokenFile;

    /** Network mode's settings; {@code lab} null when it is off. */
    private record Network(Path lab, int nodes, List<String> vnfNodes, Path ovnLab) {
        static final Network OFF = new Network(null, 0, List.of(), null);
    }

    private SimClusterOptions(int port, String podCidr, Duration startTimeout, List<String> jvmArgs,
            List<String> denied) {
        this(port, podCidr, startTimeout, jvmArgs, denied, Network.OFF, null);
    }

    private SimClusterOptions(int port, String podCidr, Duration startTimeout, List<String> jvmArgs,
            List<String> denied, Network network, Path tokenFile) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        this.podCidr = Objects.requireNonNull(podCidr, "podCidr");
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        this.jvmArgs = List.copyOf(jvmArgs);
        this.denied = List.copyOf(denied);
        this.network = network;
        this.tokenFile = tokenFile;
    }

    private SimClusterOptions with(Network newNetwork) {
        return new SimClusterOptions(port, podCidr, startTimeout, jvmArgs, denied, newNetwork, tokenFile);
    }

    /**
     * JVM arguments every launch starts with. C1 only and the serial collector: on two cores they halve the
     * start-up CPU time (about 1.6 s instead of 2.6 s) and gave more writes per second in runs of a few thousand
     * objects. A long benchmark may want the full JIT back: {@code withJvmArgs("-XX:TieredStopAtLevel=4")}
     * (a later flag wins).
     */
    public static final List<String> DEFAULT_JVM_ARGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * Defaults: a free loopback port picked by the simulator, {@value #DEFAULT_POD_CIDR}, 60 s to become ready,
     * {@link #DEFAULT_JVM_ARGS}.
     *
     * @return the default options
     */
    public static SimClusterOptions defaults() {
        return new SimClusterOptions(0, DEFAULT_POD_CIDR, Duration.ofSeconds(60), DEFAULT_JVM_ARGS, List.of());
    }

    /**
     * @param newPort loopback port to listen on; 0 lets the simulator pick one (kept across {@link SimCluster#restart()})
     * @return a copy with the port set
     */
    public SimClusterOptions withPort(int newPort) {
        return new SimClusterOptions(newPort, podCidr, startTimeout, jvmArgs, denied, network, tokenFile);
    }

    /**
     * @param cidr IPv4 range pod IPs are taken from, e.g. {@code 10.244.0.0/16}
     * @return a copy with the pod CIDR set
     */
    public SimClusterOptions withPodCidr(String cidr) {
        return new SimClusterOptions(port, cidr, startTimeout, jvmArgs, denied, network, tokenFile);
    }

    /**
     * @param timeout how long to wait for the ready line before giving up
     * @return a copy with the timeout set
     */
    public SimClusterOptions withStartTimeout(Duration timeout) {
        return new SimClusterOptions(port, podCidr, timeout, jvmArgs, denied, network, tokenFile);
    }

    /**
     * @param args extra arguments for the simulator's JVM, e.g. {@code -Xmx256m}; they come after the ones
     *        already set, so they win where they conflict
     * @return a copy with the arguments appended
     */
    public SimClusterOptions withJvmArgs(String... args) {
        List<String> all = new ArrayList<>(jvmArgs);
        all.addAll(List.of(args));
        return new SimClusterOptions(port, podCidr, startTimeout, all, denied, network, tokenFile);
    }

    /**
     * Permissions the simulator's access reviews ({@code SelfSubjectAccessReview}) deny from the start, on every
     * launch including restarts; everything else is allowed. Nothing is enforced: the requests themselves still
     * succeed. See {@link SimCluster#deny(String)} for the rule syntax.
     *
     * @param rules {@code verb:resource[:namespace]}, e.g. {@code list:pods}, {@code create:deployments.apps:shop}
     * @return a copy with the rules added
     * @throws IllegalArgumentException when a rule is not of that form
     */
    public SimClusterOptions withDenied(String... rules) {
        List<String> all = new ArrayList<>(denied);
        for (String rule : rules) {
            all.add(DenyRule.parse(rule).toString());
        }
        return new SimClusterOptions(port, podCidr, startTimeout, jvmArgs, all, network, tokenFile);
    }

    /**
     * Network mode (see the module README): the kubelet plugs every pod into the started {@code ovn-lab} in
     * {@code labDir}, as a CNI would, and runs OSC's VNF pods as forwarders with a packet capture and a readiness
     * probe. Needs root. The lab is neither started nor stopped by the simulator; the pods it plugged are unplugged
     * when it stops.
     *
     * @param labDir a folder where {@code ovn-lab start} has started a lab
     * @return a copy with network mode on
     */
    public SimClusterOptions withNetworkLab(Path labDir) {
        return with(new Network(Objects.requireNonNull(labDir, "labDir"), network.nodes(), network.vnfNodes(),
                network.ovnLab()));
    }

    /**
     * @param nodes how many nodes ({@code node1..nodeN}) network mode's cluster has; switches the lab lacks are
     *        added to it. Without this, one node per node switch of the lab
     * @return a copy with the node count set
     */
    public SimClusterOptions withNodes(int nodes) {
        if (nodes < 1 || nodes > 254) {
            throw new IllegalArgumentException("nodes must be 1 to 254: " + nodes);
        }
        return with(new Network(network.lab(), nodes, network.vnfNodes(), network.ovnLab()));
    }

    /**
     * @param nodes nodes reserved for OSC's VNF pods in network mode (VNF pods go only there, others never), e.g.
     *        {@code node3}: a router policy can only steer traffic through a VNF on another node switch than the
     *        protected pods'
     * @return a copy with the VNF nodes set
     */
    public SimClusterOptions withVnfNodes(String... nodes) {
        return with(new Network(network.lab(), network.nodes(), List.of(nodes), network.ovnLab()));
    }

    /**
     * @param script the {@code ovn-lab} script network mode runs; by default the copy built into sim-cluster
     * @return a copy with the script set
     */
    public SimClusterOptions withOvnLab(Path script) {
        return with(new Network(network.lab(), network.nodes(), network.vnfNodes(),
                Objects.requireNonNull(script, "script")));
    }

    /**
     * Bearer tokens are checked (see the module README, "Bearer tokens"): every API request must carry
     * {@code Authorization: Bearer <the file's content, trimmed>} or is answered 401 Unauthorized, as a real API
     * server answers a token it does not know. The kubeconfig the simulator writes carries the token. The file is
     * read at every launch. Without this, anyone may do anything.
     *
     * @param file a file holding the one token the simulator accepts, e.g. a test's fake service account token
     * @return a copy with the token check on
     */
    public SimClusterOptions withTokenFile(Path file) {
        return new SimClusterOptions(port, podCidr, startTimeout, jvmArgs, denied, network,
                Objects.requireNonNull(file, "file"));
    }

    /** @return the token file whose token the simulator requires, empty when it checks none */
    public Optional<Path> tokenFile() {
        return Optional.ofNullable(tokenFile);
    }

    /** @return the simulator's flags for network mode; empty when it is off */
    List<String> networkFlags() {
        List<String> flags = new ArrayList<>();
        if (network.lab() == null) {
            return flags;
        }
        flags.addAll(List.of("--network-lab", network.lab().toAbsolutePath().toString()));
        if (network.nodes() > 0) {
            flags.addAll(List.of("--nodes", Integer.toString(network.nodes())));
        }
        if (!network.vnfNodes().isEmpty()) {
            flags.addAll(List.of("--vnf-nodes", String.join(",", network.vnfNodes())));
        }
        if (network.ovnLab() != null) {
            flags.addAll(List.of("--ovn-lab", network.ovnLab().toAbsolutePath().toString()));
        }
        return flags;
    }

    /** @return the lab folder of network mode, empty when it is off */
    public Optional<Path> networkLab() {
        return Optional.ofNullable(network.lab());
    }

    /** @return the permissions access reviews deny from the start */
    public List<String> denied() {
        return denied;
    }

    /** @return the requested port, 0 for any */
    public int port() {
        return port;
    }

    /** @return the pod CIDR */
    public String podCidr() {
        return podCidr;
    }

    /** @return how long start waits for the ready line */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** @return the simulator's JVM arguments, unmodifiable */
    public List<String> jvmArgs() {
        return jvmArgs;
    }
}
