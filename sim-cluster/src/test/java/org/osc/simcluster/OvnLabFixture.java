package org.osc.simcluster;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OVN lab ({@code ovn-lab/ovn-lab} of this repository) in a folder, for network-mode tests. Without root
 * or Debian's ovn-central, ovn-host, openvswitch-switch and tcpdump the calling test is skipped, unless
 * {@code OSC_REQUIRE_OVN} is set (as in CI): then it fails.
 */
final class OvnLabFixture implements AutoCloseable {

    /** The script, relative to this module (tests run in the module's folder). */
    static final Path SCRIPT = Path.of("..", "ovn-lab", "ovn-lab").toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 60;

    private final Path dir;

    private OvnLabFixture(Path dir) {
        this.dir = dir;
    }

    /**
     * @param dir the lab folder
     * @param nodes node switches to start with
     * @return the started lab
     */
    static OvnLabFixture start(Path dir, int nodes) throws IOException {
        requireAvailable();
        OvnLabFixture lab = new OvnLabFixture(dir);
        try {
            lab.run("start", dir.toString(), "--nodes", Integer.toString(nodes));
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private static void requireAvailable() throws IOException {
        if (!Files.isExecutable(SCRIPT)) {
            throw new IOException("no ovn-lab script at " + SCRIPT);
        }
        for (String tool : List.of("ovn-northd", "ovn-controller", "ovs-vswitchd", "ovsdb-server", "tcpdump", "ip",
                "python3")) {
            if (find(tool) == null) {
                unavailable(tool + " is not installed");
            }
        }
        if (!"0".equals(output(List.of("id", "-u")).trim())) {
            unavailable("network mode needs root");
        }
    }

    private static void unavailable(String why) {
        if (System.getenv("OSC_REQUIRE_OVN") != null) {
            throw new IllegalStateException("OSC_REQUIRE_OVN is set but " + why);
        }
        Assumptions.abort(why + " (network mode needs root and apt-get install ovn-central ovn-host"
                + " openvswitch-switch tcpdump)");
    }

    private static Path find(String tool) {
        List<String> path = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(
                File.pathSeparator)));
        path.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin"));
        return path.stream().filter(p -> !p.isEmpty()).map(p -> Path.of(p, tool)).filter(Files::isExecutable)
                .findFirst().orElse(null);
    }

    /** @return the lab folder */
    Path dir() {
        return dir;
    }

    /** Runs {@code ovn-lab ARGS...}; fails on a non-zero exit. */
    String run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        return output(command);
    }

    /** {@code ovn-lab nbctl DIR ARGS...} */
    String nbctl(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("nbctl", dir.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new)).trim();
    }

    /** {@code ovn-lab exec DIR NS POD -- CMD...}, its output; fails on a non-zero exit. */
    String exec(String namespace, String pod, String... command) throws IOException {
        List<String> all = new ArrayList<>(List.of("exec", dir.toString(), namespace, pod, "--"));
        all.addAll(List.of(command));
        return run(all.toArray(String[]::new));
    }

    private static String output(List<String> command) throws IOException {
        Path out = Files.createTempFile("ovn-lab-test", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(command + " failed (exit " + process.exitValue() + "): " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Stops the lab (daemons, namespaces); the folder is the caller's. */
    @Override
    public void close() throws IOException {
        run("stop", dir.toString());
    }
}
