package org.osc.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code ovsdb-server} with a fresh OVN northbound database in a temporary folder, on a free loopback port
 * that stays the same across {@link #kill()} and {@link #start()}. When the OVS/OVN tools are not installed the
 * calling test is skipped, unless {@code OSC_REQUIRE_OVN} is set (as in CI): then it fails. Shipped in this
 * module's test-jar for the tests of modules built on the client (the OVN SDN plugin).
 */
public final class OvsdbTestServer implements AutoCloseable {
    /** Debian's path of the schema; {@code OVN_NB_SCHEMA} overrides it. */
    private static final String NB_SCHEMA = "/usr/share/ovn/ovn-nb.ovsschema";

    private final Path dir;
    private final int port;
    private final List<String> sslOptions;
    private Process process;

    private OvsdbTestServer(Path dir, int port, List<String> sslOptions) {
        this.dir = dir;
        this.port = port;
        this.sslOptions = sslOptions;
    }

    /**
     * @return a started server listening on {@code ptcp:PORT:127.0.0.1}
     */
    public static OvsdbTestServer startTcp() throws Exception {
        return start(List.of());
    }

    /**
     * @param key the server's private key
     * @param certificate the server's certificate
     * @param ca the CA the client's certificate must chain to
     * @return a started server listening on {@code pssl:PORT:127.0.0.1}
     */
    public static OvsdbTestServer startSsl(Path key, Path certificate, Path ca) throws Exception {
        return start(List.of("--private-key=" + key, "--certificate=" + certificate, "--ca-cert=" + ca));
    }

    private static OvsdbTestServer start(List<String> sslOptions) throws Exception {
        requireTools("ovsdb-server", "ovsdb-tool", "ovn-nbctl");
        Path schema = Path.of(System.getenv().getOrDefault("OVN_NB_SCHEMA", NB_SCHEMA));
        if (!Files.isReadable(schema)) {
            unavailable("the OVN northbound schema is not at " + schema + " (set OVN_NB_SCHEMA)");
        }
        Path dir = Files.createTempDirectory("osc-ovsdb-test");
        run(dir, 10, "ovsdb-tool", "create", dir.resolve("nb.db").toString(), schema.toString());
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        OvsdbTestServer server = new OvsdbTestServer(dir, port, sslOptions);
        server.start();
        return server;
    }

    /** Skips or, with {@code OSC_REQUIRE_OVN} set, fails. */
    public static void unavailable(String why) {
        if (System.getenv("OSC_REQUIRE_OVN") != null) {
            throw new IllegalStateException("OSC_REQUIRE_OVN is set but " + why);
        }
        Assumptions.abort(why + " (apt-get install ovn-central openvswitch-switch)");
    }

    public static void requireTools(String... tools) {
        for (String tool : tools) {
            if (find(tool) == null) {
                unavailable(tool + " is not installed");
            }
        }
    }

    private static Path find(String tool) {
        List<String> path = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(
                File.pathSeparator)));
        path.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin"));
        return path.stream().filter(p -> !p.isEmpty()).map(p -> Path.of(p, tool)).filter(Files::isExecutable)
                .findFirst().orElse(null);
    }

    public int port() {
        return port;
    }

    public OvsdbRemote remote() {
        return new OvsdbRemote(!sslOptions.isEmpty(), "127.0.0.1", port);
    }

    /** Starts (again) on the same port and database, and waits until it accepts connections. */
    public void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(find("ovsdb-server").toString(),
                "--remote=" + (sslOptions.isEmpty() ? "ptcp:" : "pssl:") + port + ":127.0.0.1",
                "--pidfile=" + dir.resolve("ovsdb-server.pid"), "--unixctl=" + dir.resolve("ovsdb-server.ctl"),
                "--log-file=" + dir.resolve("ovsdb-server.log")));
        command.addAll(sslOptions);
        command.add(dir.resolve("nb.db").toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ovsdb-server.out").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("ovsdb-server did not start on port " + port + ": "
                            + Files.readString(dir.resolve("ovsdb-server.out")), e);
                }
                Thread.sleep(20);
            }
        }
    }

    /** @return the database file, for {@code ovsdb-tool} while the server is down */
    public Path database() {
        return dir.resolve("nb.db");
    }

    /** Runs {@code ovsdb-tool transact} on the database file (the server must be down). */
    public String offlineTransact(String json) throws Exception {
        return run(dir, 10, "ovsdb-tool", "transact", database().toString(), json);
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs {@code ovn-nbctl} against this server (TCP only), as an independent client.
     *
     * @return its output, trimmed
     */
    public String nbctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ovn-nbctl", "--db=tcp:127.0.0.1:" + port, "--timeout=10"));
        command.addAll(Arrays.asList(args));
        return run(dir, 20, command.toArray(new String[0]));
    }

    private static String run(Path dir, int seconds, String... command) throws Exception {
        List<String> full = new ArrayList<>(Arrays.asList(command));
        full.set(0, find(command[0]).toString());
        Path out = Files.createTempFile(dir, "cmd", ".out");
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + seconds + " s");
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed: " + output);
        return output.trim();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
