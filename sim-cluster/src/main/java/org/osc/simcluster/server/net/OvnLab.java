package org.osc.simcluster.server.net;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ovn-lab} script (the repository's {@code ovn-lab/ovn-lab}) run against one started lab folder. Every
 * command is bounded in time; a non-zero exit becomes an {@link IOException} carrying the script's message.
 */
public final class OvnLab {

    /** Where the build puts a copy of the script (see the module's pom), used when no other is named. */
    static final String BUNDLED = "ovn-lab";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path script;
    private final Path dir;

    /**
     * @param script the {@code ovn-lab} script
     * @param dir a lab folder, started by {@code ovn-lab start} (by someone else: the lab is not ours to stop)
     */
    public OvnLab(Path script, Path dir) {
        this.script = script.toAbsolutePath();
        this.dir = dir.toAbsolutePath();
    }

    /**
     * The script this jar was built with, written to a private temporary file (so that it runs from a jar too).
     *
     * @return the path of the executable copy, deleted when the JVM exits
     * @throws IOException if the copy cannot be written or the build did not include the script
     */
    public static Path bundledScript() throws IOException {
        try (InputStream in = OvnLab.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("this build of sim-cluster carries no copy of ovn-lab: name it with --ovn-lab");
            }
            Path copy = Files.createTempFile("sim-cluster-ovn-lab", "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            // the copy replaced the file made with these permissions
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
            copy.toFile().deleteOnExit();
            return copy;
        }
    }

    /** @return the lab folder */
    public Path dir() {
        return dir;
    }

    /** @return the script */
    public Path script() {
        return script;
    }

    /**
     * @throws IOException unless every daemon of the lab runs ({@code ovn-lab status}), saying why
     */
    public void requireRunning() throws IOException {
        run("status", dir.toString());
    }

    /**
     * Adds node switches to a running lab ({@code ovn-lab start DIR --nodes N} only adds what is missing there).
     *
     * @param nodes how many node switches the lab must have at least
     * @throws IOException if the script fails
     */
    public void ensureNodes(int nodes) throws IOException {
        run("start", dir.toString(), "--nodes", Integer.toString(nodes));
    }

    /**
     * @return the lab's node switches, from {@code DIR/nodes}
     * @throws IOException if the file cannot be read
     */
    public LabNodes nodes() throws IOException {
        return LabNodes.parse(Files.readAllLines(dir.resolve("nodes"), StandardCharsets.UTF_8));
    }

    /**
     * @return the network namespace made for the pod
     * @throws IOException if the script fails (it removes what it made)
     */
    public String plug(String node, String namespace, String pod, String ip, String mac) throws IOException {
        return run("plug", dir.toString(), node, namespace, pod, ip, mac).trim();
    }

    /** Removes the pod's port, namespace and processes; safe to repeat. */
    public void unplug(String namespace, String pod) throws IOException {
        run("unplug", dir.toString(), namespace, pod);
    }

    /** Turns IP forwarding in the pod on or off. */
    public void forwarder(String namespace, String pod, boolean on) throws IOException {
        run("forwarder", dir.toString(), namespace, pod, on ? "on" : "off");
    }

    /**
     * @param command what to run inside the pod's network namespace
     * @return a builder for {@code ovn-lab exec DIR NAMESPACE POD -- COMMAND}, whose process is the command itself
     *         (the script and {@code ip netns exec} replace themselves with it)
     */
    public ProcessBuilder exec(String namespace, String pod, List<String> command) {
        List<String> args = new ArrayList<>(List.of(script.toString(), "exec", dir.toString(), namespace, pod, "--"));
        args.addAll(command);
        return new ProcessBuilder(args);
    }

    /** Output goes to files, not pipes: a daemon the script starts could hold a pipe open for ever. */
    private String run(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("ovn-lab", ".out");
        Path err = Files.createTempFile("ovn-lab", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("ovn-lab " + args[0] + " did not finish in " + TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                String why = Files.readString(err).trim();
                throw new IOException("ovn-lab " + String.join(" ", args) + " failed (exit " + process.exitValue()
                        + "): " + (why.isEmpty() ? Files.readString(out).trim().replace('\n', ';') : why));
            }
            return Files.readString(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running ovn-lab " + args[0], e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
