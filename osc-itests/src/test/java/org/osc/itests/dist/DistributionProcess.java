package org.osc.itests.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.osc.itests.TestTrust;

/**
 * The distribution the build assembled, copied to a folder of its own and run as a real process through its
 * start script, the way an operator runs it. It serves HTTPS with the certificate it generates at first start;
 * the tests' clients ({@link TestTrust}) trust that certificate, read from the copy's {@code data/tls/}.
 */
final class DistributionProcess implements AutoCloseable {

    private final Path home;
    private final int port;
    private final String adminPassword;
    private final Map<String, String> env = new HashMap<>();
    private Process process;

    DistributionProcess(Path home, String adminPassword) {
        this.home = home;
        this.port = freePort();
        this.adminPassword = adminPassword;
        copy(Path.of(System.getProperty("osc.dist.dir", "../features/target/osc")), home);
        TestTrust.trust(certificate());
    }

    /** @return the certificate the server generates at first start, which clients trust (PEM) */
    Path certificate() {
        return home.resolve("data").resolve("tls").resolve("server.crt");
    }

    /** Sets an environment variable of the server process (a setting such as {@code OSC_DB_URL}). */
    DistributionProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts the server and waits until its status answers; returns the time that took. */
    Duration start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/osc").toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("console.log").toFile());
        builder.environment().put("OSC_HTTP_PORT", Integer.toString(port));
        builder.environment().put("OSC_ADMIN_PASSWORD", adminPassword);
        builder.environment().putAll(env);
        long started = System.nanoTime();
        process = builder.start();
        HttpClient client = TestTrust.client();
        HttpRequest status = HttpRequest.newBuilder(URI.create(base() + "serverManagement/status")).build();
        while (System.nanoTime() - started < Duration.ofSeconds(90).toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited: " + Files.readString(home.resolve("console.log")));
            }
            try {
                HttpResponse<String> reply = client.send(status, HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200 && reply.body().contains("\"ready\":true")) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        // what it printed says whether it hung or was only slow (a loaded machine); kept past the test's folder
        Path kept = Path.of("target", "start-timeouts", "console-" + port + ".log");
        Files.createDirectories(kept.getParent());
        Files.copy(home.resolve("console.log"), kept, StandardCopyOption.REPLACE_EXISTING);
        throw new IllegalStateException("The server did not answer within 90 s; its console's last lines: "
                + console().lines().skip(Math.max(0, console().lines().count() - 30)).toList() + " (all of it: "
                + kept + ")");
    }

    /**
     * @return the CPU time the server's process has used so far, all its threads together (those that ended too),
     *     or zero when the platform does not say; {@code bin/osc} execs the JVM, so the process is the server
     */
    Duration cpuTime() {
        return process == null ? Duration.ZERO : process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** @return the exit status of a server that ended by itself, waiting up to a minute for it */
    int exitStatus() throws InterruptedException {
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("The server did not exit");
        }
        return process.exitValue();
    }

    /** Kills the server the hard way (SIGKILL), as a crash or an OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Sends the server's process a signal ({@code STOP}, {@code CONT}) with {@code kill}, as an operator would. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    String base() {
        return "https://127.0.0.1:" + port + "/api/server/v1/";
    }

    /** @return the API port */
    int port() {
        return port;
    }

    /** @return the server's address, as clients such as oscctl take it ({@code OSC_URL}) */
    String url() {
        return "https://127.0.0.1:" + port;
    }

    /** @return what the server printed on its console (standard output and error) so far */
    String console() throws IOException {
        return Files.readString(home.resolve("console.log"));
    }

    /** @return the folder the distribution runs from */
    Path home() {
        return home;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.toString().contains("/data/")) {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the distribution (did features build?)", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
