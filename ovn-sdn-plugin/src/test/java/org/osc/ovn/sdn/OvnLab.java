package org.osc.ovn.sdn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osc.ovsdb.OvsdbTestServer;

/**
 * The project's {@code ovn-lab} (real OVN: databases, northd, ovs-vswitchd and ovn-controller with the
 * userspace datapath, pods as network namespaces) in a temporary folder, for the data-plane test. Needs root
 * and Debian's OVN packages: the calling test is skipped without them, unless {@code OSC_REQUIRE_OVN} is set.
 * Every command is bounded by a timeout; {@link #close()} stops everything the lab started.
 */
final class OvnLab implements AutoCloseable {

    /** The script, relative to this module's folder (Maven's working directory for tests). */
    private static final Path SCRIPT = Path.of("..", "ovn-lab", "ovn-lab").toAbsolutePath().normalize();

    private final Path dir;
    private final List<Process> background = new ArrayList<>();

    private OvnLab(Path dir) {
        this.dir = dir;
    }

    /** Starts a lab with the given number of node switches, or skips/fails the test when it cannot. */
    static OvnLab start(int nodes) throws Exception {
        OvsdbTestServer.requireTools("ovn-nbctl", "ovn-northd", "ovs-vswitchd", "ovn-controller", "tcpdump",
                "python3", "ip");
        if (!Files.isExecutable(SCRIPT)) {
            OvsdbTestServer.unavailable("the ovn-lab script is not at " + SCRIPT);
        }
        if (!"0".equals(run(Path.of("."), 5, "id", "-u"))) {
            OvsdbTestServer.unavailable("the OVN lab needs root (network namespaces)");
        }
        OvnLab lab = new OvnLab(Files.createTempDirectory("osc-ovn-lab"));
        try {
            lab.lab(60, "start", lab.dir.toString(), "--nodes", Integer.toString(nodes));
        } catch (Exception | AssertionError e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** @return the folder */
    Path dir() {
        return dir;
    }

    /** @return the NB remote the lab wrote */
    String northbound() throws IOException {
        return Files.readString(dir.resolve("nb.remote")).trim();
    }

    /** Plugs a pod into a node switch as its LSP {@code <namespace>_<pod>}. */
    void plug(String node, String namespace, String pod, String ip) throws Exception {
        lab(30, "plug", dir.toString(), node, namespace, pod, ip);
    }

    /** Turns IP forwarding on in a pod (a VNF). */
    void forwarder(String namespace, String pod, boolean on) throws Exception {
        lab(10, "forwarder", dir.toString(), namespace, pod, on ? "on" : "off");
    }

    /** Runs ovn-nbctl on the lab's NB. */
    String nbctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("nbctl", dir.toString(), "--timeout=10"));
        command.addAll(Arrays.asList(args));
        return lab(20, command.toArray(new String[0]));
    }

    /** Waits until every chassis applied what the NB holds now. */
    void sync() throws Exception {
        nbctl("--wait=hv", "sync");
    }

    /** Runs a command in a pod and returns its output. */
    String exec(int seconds, String namespace, String pod, String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of("exec", dir.toString(), namespace, pod, "--"));
        all.addAll(Arrays.asList(command));
        return lab(seconds, all.toArray(new String[0]));
    }

    /** Starts a command in a pod in the background, its output going to a file; stopped by {@link #close()}. */
    Process background(Path output, String namespace, String pod, String... command) throws IOException {
        List<String> all = new ArrayList<>(List.of(SCRIPT.toString(), "exec", dir.toString(), namespace, pod, "--"));
        all.addAll(Arrays.asList(command));
        Process p = new ProcessBuilder(all).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        background.add(p);
        return p;
    }

    /**
     * Kills the northbound ovsdb-server (as a crash would) and starts it again on the same port, socket and
     * database file, as a service manager would ({@code ovn-lab start} would start a fresh lab instead).
     */
    void restartNorthbound(Runnable whileDown) throws Exception {
        String remote = northbound();
        String port = remote.substring(remote.lastIndexOf(':') + 1);
        String pid = Files.readString(dir.resolve("run").resolve("ovnnb_db.pid")).trim();
        run(dir, 10, "kill", "-9", pid);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.exists(Path.of("/proc", pid)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        whileDown.run();
        Path run = dir.resolve("run");
        run(dir, 20, "ovsdb-server", "--detach", "--no-chdir", "--pidfile=" + run.resolve("ovnnb_db.pid"),
                "--log-file=" + dir.resolve("log").resolve("ovnnb_db.log"),
                "--unixctl=" + run.resolve("ovnnb_db.ctl"), "--remote=punix:" + run.resolve("ovnnb_db.sock"),
                "--remote=ptcp:" + port + ":127.0.0.1", dir.resolve("db").resolve("ovnnb_db.db").toString());
    }

    private String lab(int seconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(Arrays.asList(args));
        return run(dir, seconds, command.toArray(new String[0]));
    }

    private static String run(Path dir, int seconds, String... command) throws Exception {
        Path out = Files.createTempFile("osc-ovn-lab", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + seconds + " s");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + output);
            }
            return output.trim();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : background) {
            p.destroy();
        }
        try {
            lab(60, "stop", dir.toString());
        } finally {
            run(Path.of("."), 30, "rm", "-rf", dir.toString());
        }
    }
}
