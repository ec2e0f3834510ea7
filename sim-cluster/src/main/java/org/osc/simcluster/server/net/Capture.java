package org.osc.simcluster.server.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VNF pod's "container": {@code tcpdump -l -n -e -i eth0} in the pod's network namespace, one text line per
 * packet appended to {@code DIR/captures/<namespace>_<pod>.txt}, so that a test can count what went through the
 * VNF. Its process is also what the readiness probe looks at. GAP: the file is never rotated; a long demo with
 * steady traffic grows it by about 150 bytes a packet.
 */
final class Capture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);
    private static final long START_TIMEOUT_SECONDS = 10;
    private static final long STOP_TIMEOUT_SECONDS = 3;

    private final Process process;
    private final Path file;

    private Capture(Process process, Path file) {
        this.process = process;
        this.file = file;
    }

    /**
     * Starts the capture and waits until tcpdump listens.
     *
     * @param lab the lab
     * @param namespace the pod's namespace
     * @param pod the pod's name
     * @return the running capture
     * @throws IOException if tcpdump does not start listening within 10 s
     */
    static Capture start(OvnLab lab, String namespace, String pod) throws IOException {
        Path file = file(lab.dir(), namespace, pod);
        Files.createDirectories(file.getParent());
        Process process = lab.exec(namespace, pod,
                        List.of("tcpdump", "-l", "-n", "-e", "--immediate-mode", "-i", "eth0"))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()))
                .start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread stderr = new Thread(() -> drain(process, namespace + "/" + pod, listening),
                "tcpdump-" + namespace + "_" + pod);
        stderr.setDaemon(true);
        stderr.start();
        Capture capture = new Capture(process, file);
        try {
            listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            capture.close();
            throw new IOException("tcpdump did not start in " + namespace + "/" + pod + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            capture.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted starting tcpdump in " + namespace + "/" + pod, e);
        }
        return capture;
    }

    /** @return where the capture of a pod is written: {@code DIR/captures/<namespace>_<pod>.txt} */
    static Path file(Path labDir, String namespace, String pod) {
        return labDir.resolve("captures").resolve(namespace + "_" + pod + ".txt");
    }

    private static void drain(Process process, String pod, CompletableFuture<Void> listening) {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                if (line.startsWith("listening on")) {
                    listening.complete(null);
                }
                LOG.debug("tcpdump in {}: {}", pod, line);
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IOException("tcpdump exited with " + waitFor(process)));
    }

    private static String waitFor(Process process) {
        try {
            return Integer.toString(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown status";
        }
    }

    /** @return tcpdump's process id (ovn-lab exec replaces itself with it) */
    long pid() {
        return process.pid();
    }

    /** @return true while tcpdump runs */
    boolean alive() {
        return process.isAlive();
    }

    /** @return the text file the capture is appended to */
    Path file() {
        return file;
    }

    /** Stops tcpdump (TERM, then KILL after 3 s); what it captured stays in the file. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
