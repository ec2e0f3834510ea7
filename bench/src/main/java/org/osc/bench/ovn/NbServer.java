package org.osc.bench.ovn;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.osc.ovsdb.OvsdbRemote;

/**
 * A real {@code ovsdb-server} serving a fresh OVN northbound database (created from the OVN NB schema with
 * {@code ovsdb-tool}) on a free loopback TCP port, in a folder of its own. No {@code ovn-northd} and no data plane:
 * the benchmark measures the control path up to the northbound database. Needs no root. The process is stopped by
 * {@link #close()}, and by a shutdown hook if the benchmark is interrupted.
 */
public final class NbServer implements AutoCloseable {

    /** Debian's path of the OVN northbound schema; the environment variable {@code OVN_NB_SCHEMA} overrides it. */
    static final String NB_SCHEMA = "/usr/share/ovn/ovn-nb.ovsschema";

    private final int port;
    private final Process process;
    private final Thread reaper;

    private NbServer(int port, Process process) {
        this.port = port;
        this.process = process;
        this.reaper = new Thread(process::destroyForcibly, "nb-server-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** @return why a northbound server cannot be started here (a tool or the schema missing), or empty */
    public static Optional<String> unavailable() {
        for (String tool : List.of("ovsdb-server", "ovsdb-tool")) {
            if (find(tool) == null) {
                return Optional.of(tool + " is not installed (Debian: apt-get install ovn-central "
                        + "openvswitch-switch)");
            }
        }
        if (!Files.isReadable(schema())) {
            return Optional.of("the OVN northbound schema is not at " + schema() + " (install ovn-central or set "
                    + "OVN_NB_SCHEMA)");
        }
        return Optional.empty();
    }

    private static Path schema() {
        return Path.of(System.getenv().getOrDefault("OVN_NB_SCHEMA", NB_SCHEMA));
    }

    /**
     * Creates the database in {@code dir} and starts the server on it.
     *
     * @param dir a folder for the database, its log and control socket (created if needed)
     * @return the started server, accepting connections
     * @throws IllegalStateException when a tool is missing or the server does not start
     */
    public static NbServer start(Path dir) throws IOException, InterruptedException {
        unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        Files.createDirectories(dir);
        Path db = dir.resolve("nb.db");
        Files.deleteIfExists(db);
        run(dir, "ovsdb-tool", "create", db.toString(), schema().toString());
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(find("ovsdb-server").toString(), "--remote=ptcp:" + port + ":127.0.0.1",
                "--unixctl=" + dir.resolve("nb.ctl"), "--log-file=" + dir.resolve("ovsdb-server.log"),
                db.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ovsdb-server.out").toFile())).start();
        NbServer server = new NbServer(port, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new IllegalStateException("ovsdb-server did not start on port " + port + ": "
                            + Files.readString(dir.resolve("ovsdb-server.out")), e);
                }
                Thread.sleep(20);
            }
        }
    }

    /** @return the server's address as OVN tools and the plugin's {@code northbound} attribute write it */
    public String remote() {
        return "tcp:127.0.0.1:" + port;
    }

    /** @return the server's address for an {@code OvsdbClient} */
    public OvsdbRemote ovsdbRemote() {
        return new OvsdbRemote(false, "127.0.0.1", port);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s); the database file stays. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway, harmlessly
        }
    }

    private static Path find(String tool) {
        List<String> path = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(
                File.pathSeparator)));
        path.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin"));
        return path.stream().filter(p -> !p.isEmpty()).map(p -> Path.of(p, tool)).filter(Files::isExecutable)
                .findFirst().orElse(null);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(Arrays.asList(command));
        full.set(0, find(command[0]).toString());
        Path out = dir.resolve(command[0] + ".out");
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 20 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(out));
        }
    }
}
