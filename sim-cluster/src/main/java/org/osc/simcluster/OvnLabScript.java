package org.osc.simcluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ovn-lab} script (built into this jar, or one given) on one lab folder, for tests and demos that run
 * sim-cluster in network mode ({@link SimClusterOptions#withNetworkLab}): start and stop the lab, and run its
 * commands ({@code nbctl}, {@code exec}, {@code forwarder}...). See {@code ovn-lab/README.md}. Uses only the JDK.
 *
 * <pre>{@code
 * Optional<String> why = OvnLabScript.unavailable();     // skip or fail the test when present
 * try (OvnLabScript lab = OvnLabScript.start(dir, 3);
 *      SimCluster cluster = SimCluster.start(work, SimClusterOptions.defaults().withNetworkLab(dir)
 *              .withVnfNodes("node3"))) {
 *     lab.forwarder("sec", vnfPod, false);               // the VNF pod turns not Ready
 * }
 * }</pre>
 */
public final class OvnLabScript implements AutoCloseable {

    private static final String BUNDLED = "/org/osc/simcluster/server/net/ovn-lab";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> TOOLS = List.of("ovsdb-server", "ovn-northd", "ovn-controller", "ovs-vswitchd",
            "ovn-nbctl", "ovs-vsctl", "tcpdump", "ip", "flock", "python3");

    private final Path script;
    private final Path dir;
    private final boolean owned;

    private OvnLabScript(Path script, Path dir, boolean owned) {
        this.script = script;
        this.dir = dir.toAbsolutePath();
        this.owned = owned;
    }

    /**
     * @return why no lab can run here (not root, or a tool of Debian's ovn-central, ovn-host, openvswitch-switch
     *         or tcpdump missing); empty when one can
     */
    public static Optional<String> unavailable() {
        for (String tool : TOOLS) {
            if (find(tool).isEmpty()) {
                return Optional.of(tool + " is not installed (apt-get install ovn-central ovn-host openvswitch-switch"
                        + " tcpdump)");
            }
        }
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid) ? Optional.empty()
                    : Optional.of("the lab needs root (network namespaces), this process runs as uid " + uid);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot tell whether this process runs as root: " + e.getMessage());
        }
    }

    /**
     * Starts a lab in the folder; {@link #close()} stops it.
     *
     * @param dir the lab folder (created if missing)
     * @param nodes node switches, {@code node1..nodeN}
     * @return the started lab
     * @throws IOException if it does not start (what it started is stopped)
     */
    public static OvnLabScript start(Path dir, int nodes) throws IOException {
        Files.createDirectories(dir);
        OvnLabScript lab = new OvnLabScript(bundledScript(), dir, true);
        lab.run("start", lab.dir.toString(), "--nodes", Integer.toString(nodes));
        return lab;
    }

    /**
     * @param dir a lab someone else started; {@link #close()} leaves it running
     * @param script the ovn-lab script, or null for the one built into this jar
     * @return a handle on it
     * @throws IOException if the built-in script cannot be written out
     */
    public static OvnLabScript of(Path dir, Path script) throws IOException {
        return new OvnLabScript(script == null ? bundledScript() : script.toAbsolutePath(), dir, false);
    }

    /** @return the lab folder */
    public Path dir() {
        return dir;
    }

    /** @return the script this handle runs */
    public Path script() {
        return script;
    }

    /**
     * @return the northbound database's remote, e.g. {@code tcp:127.0.0.1:41317} ({@code DIR/nb.remote})
     * @throws IOException if the lab has not started
     */
    public String nbRemote() throws IOException {
        return Files.readString(dir.resolve("nb.remote"), StandardCharsets.UTF_8).trim();
    }

    /**
     * @param args {@code ovn-nbctl} arguments, e.g. {@code "--wait=hv", "lr-policy-list", "ovn_cluster_router"}
     * @return its output, trimmed
     * @throws IOException if it fails
     */
    public String nbctl(String... args) throws IOException {
        return run(concat(List.of("nbctl", dir.toString()), args)).trim();
    }

    /**
     * @param command run in the pod's network namespace, e.g. {@code "ip", "addr"}
     * @return its output
     * @throws IOException if it fails or the pod is not plugged
     */
    public String exec(String namespace, String pod, String... command) throws IOException {
        return run(concat(List.of("exec", dir.toString(), namespace, pod, "--"), command));
    }

    /**
     * Turns IP forwarding in a pod on or off: in sim-cluster's network mode a VNF pod's readiness follows it.
     *
     * @throws IOException if it fails or the pod is not plugged
     */
    public void forwarder(String namespace, String pod, boolean on) throws IOException {
        run("forwarder", dir.toString(), namespace, pod, on ? "on" : "off");
    }

    /**
     * Pings from a pod ({@code ovn-lab ping}: ICMP echo on a raw socket, so iputils need not be installed).
     *
     * @param count requests, 0.2 s apart
     * @param waitSeconds how long each waits for its reply
     * @return how many were answered
     * @throws IOException if the command cannot run (e.g. the pod is not plugged)
     */
    public int ping(String namespace, String pod, String destination, int count, double waitSeconds)
            throws IOException {
        Outcome outcome = execute("ping", dir.toString(), namespace, pod, destination, Integer.toString(count),
                Double.toString(waitSeconds));
        // Exit 1 with a count: not every request was answered; anything else is a failure to ping at all.
        if ((outcome.exit() == 0 || outcome.exit() == 1) && outcome.output().trim().matches("\\d+")) {
            return Integer.parseInt(outcome.output().trim());
        }
        throw outcome.failure();
    }

    /**
     * The northbound database crashes and is started again on the same port and database file
     * ({@code ovn-lab restart-nb}); its clients must reconnect.
     *
     * @throws IOException if it fails
     */
    public void restartNorthbound() throws IOException {
        run("restart-nb", dir.toString());
    }

    /**
     * @param args {@code ovn-lab} arguments, the command first, e.g. {@code "status", dir().toString()}
     * @return the command's output (stdout and stderr)
     * @throws IOException on a non-zero exit (with the output) or after 60 s
     */
    public String run(String... args) throws IOException {
        Outcome outcome = execute(args);
        if (outcome.exit() != 0) {
            throw outcome.failure();
        }
        return outcome.output();
    }

    /** How a command ended: its exit status and output (stdout and stderr). */
    private record Outcome(List<String> args, int exit, String output) {

        IOException failure() {
            return new IOException("ovn-lab " + String.join(" ", args) + " failed (exit " + exit + "): "
                    + output.trim());
        }
    }

    private Outcome execute(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("ovn-lab", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("ovn-lab " + args[0] + " did not finish in " + TIMEOUT.toSeconds() + " s");
            }
            return new Outcome(List.of(args), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running ovn-lab " + args[0], e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Stops the lab if {@link #start} started it (daemons, namespaces); the folder stays, it is the caller's. */
    @Override
    public void close() throws IOException {
        if (owned) {
            run("stop", dir.toString());
        }
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private static Optional<Path> find(String tool) {
        List<String> path = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(
                File.pathSeparator)));
        path.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        return path.stream().filter(p -> !p.isEmpty()).map(p -> Path.of(p, tool)).filter(Files::isExecutable)
                .findFirst();
    }

    private static Path bundledScript() throws IOException {
        try (InputStream in = OvnLabScript.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("this build of sim-cluster carries no copy of ovn-lab");
            }
            Path copy = Files.createTempFile("ovn-lab", "");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
            copy.toFile().deleteOnExit();
            return copy;
        }
    }
}
