package org.osc.simcluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated Kubernetes cluster running in its own JVM, for tests and demos: the fabric8 mock API server with a
 * simulated Deployment controller and kubelet (see the module README for what it does not do).
 *
 * <pre>{@code
 * try (SimCluster cluster = SimCluster.start(tempDir, SimClusterOptions.defaults())) {
 *     Config config = Config.fromKubeconfig(Files.readString(cluster.kubeconfigPath()));
 *     ...
 * }
 * }</pre>
 *
 * The work directory holds {@code kubeconfig}, {@code state.json} (all objects, kept across {@link #restart()})
 * and {@code sim-cluster.log} (the process's output). Uses only the JDK. Not thread-safe: one owner drives it.
 */
public final class SimCluster implements AutoCloseable {

    /** The line the simulator prints on stdout once it accepts requests. */
    public static final String READY_PREFIX = "SIMCLUSTER READY ";

    private static final Pattern READY_PORT = Pattern.compile("\\bport=(\\d+)");
    private static final Pattern EXPIRED = Pattern.compile("\"expired\"\\s*:\\s*(\\d+)");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path workDir;
    private final SimClusterOptions options;
    private final Thread killOnExit = new Thread(this::stopProcess, "sim-cluster-stop-on-exit");
    private volatile Process process;
    private Thread outputPump;
    private int port;

    private SimCluster(Path workDir, SimClusterOptions options) {
        this.workDir = workDir.toAbsolutePath();
        this.options = options;
        this.port = options.port();
    }

    /**
     * Launches the simulator and waits until it accepts requests.
     *
     * @param workDir folder for the kubeconfig, state file and log; created if missing; reused state is loaded
     * @param options port, pod CIDR, timeouts
     * @return the running cluster
     * @throws IOException if the process cannot be started or does not become ready in time
     */
    public static SimCluster start(Path workDir, SimClusterOptions options) throws IOException {
        SimCluster cluster = new SimCluster(workDir, options);
        Files.createDirectories(cluster.workDir);
        cluster.launch();
        // A test JVM that ends without close() must not leave a simulator holding the port.
        Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
        return cluster;
    }

    /**
     * @param workDir see {@link #start(Path, SimClusterOptions)}
     * @return the running cluster with default options
     * @throws IOException see {@link #start(Path, SimClusterOptions)}
     */
    public static SimCluster start(Path workDir) throws IOException {
        return start(workDir, SimClusterOptions.defaults());
    }

    /** @return the kubeconfig file pointing at the cluster (plain HTTP on 127.0.0.1, no credentials) */
    public Path kubeconfigPath() {
        return workDir.resolve("kubeconfig");
    }

    /** @return the file the cluster persists every object to */
    public Path statePath() {
        return workDir.resolve("state.json");
    }

    /** @return the file the process's stdout and stderr go to, appended across restarts */
    public Path logPath() {
        return workDir.resolve("sim-cluster.log");
    }

    /**
     * In network mode, what went through a VNF pod: {@code tcpdump -l -n -e} lines of its {@code eth0}, one per
     * packet, appended for as long as the pod runs (the file stays after the pod is gone).
     *
     * @param namespace the VNF pod's namespace
     * @param pod its name
     * @return {@code LAB/captures/<namespace>_<pod>.txt}
     * @throws IllegalStateException when network mode is off
     */
    public Path captureFile(String namespace, String pod) {
        Path lab = options.networkLab().orElseThrow(() -> new IllegalStateException("network mode is off"));
        return lab.toAbsolutePath().resolve("captures").resolve(namespace + "_" + pod + ".txt");
    }

    /** @return the API server URL, e.g. {@code http://127.0.0.1:37123/} */
    public String masterUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** @return the port the API server listens on */
    public int port() {
        return port;
    }

    /** @return true while the simulator process runs */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Stops the process gracefully (it saves its state) and starts a new one on the same port with the same state
     * file. Clients keep their URL; their watches break and reconnect, and the mock replays every stored object
     * as ADDED whatever resourceVersion they ask for.
     *
     * @throws IOException if the new process does not become ready
     */
    public void restart() throws IOException {
        stopProcess();
        launch();
    }

    /**
     * Ends every open watch with an ERROR event carrying a {@code 410 Gone} Status, then closes it, the way an API
     * server does when a watch's resourceVersion is too old. Informers must relist.
     *
     * @return how many watches were expired (the simulator's own informers included)
     * @throws IOException if the admin endpoint cannot be reached
     */
    public int expireWatches() throws IOException {
        HttpResponse<String> response = admin("POST", "expire-watches");
        Matcher m = EXPIRED.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IOException("expire-watches answered " + response.statusCode() + ": " + response.body());
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * From now on, access reviews ({@code POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews}) deny the
     * permission; the simulator has no RBAC and otherwise allows everything. Nothing is enforced: the requests
     * themselves still succeed. Lasts until {@link #allowAll()} or a {@link #restart()} (which keeps only
     * {@link SimClusterOptions#withDenied}).
     *
     * @param rule {@code verb:resource[:namespace]}: {@code *} matches any verb or resource; {@code deployments}
     *        matches in any API group, {@code deployments.apps} only in {@code apps}; without a namespace it denies
     *        everywhere, with one it denies there and cluster-wide (all namespaces include it)
     * @throws IOException if the simulator refuses the rule or cannot be reached
     */
    public void deny(String rule) throws IOException {
        HttpResponse<String> response = admin("POST", "deny?rule=" + URLEncoder.encode(rule, StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("deny answered " + response.statusCode() + ": " + response.body());
        }
    }

    /**
     * Access reviews allow everything again (rules from {@link SimClusterOptions#withDenied} included).
     *
     * @throws IOException if the simulator cannot be reached
     */
    public void allowAll() throws IOException {
        HttpResponse<String> response = admin("DELETE", "deny");
        if (response.statusCode() != 200) {
            throw new IOException("allow-all answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> admin(String method, String endpoint) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(masterUrl() + "simcluster/" + endpoint))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Stops the process (SIGTERM, then a forced kill after 30 s) and waits for it. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to; it does the same
        }
        stopProcess();
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmArgs());
        command.add("-cp");
        command.add(RuntimeClasspath.asArgument());
        command.add(SimClusterLauncher.MAIN_CLASS);
        command.addAll(List.of("--port", Integer.toString(port),
                "--kubeconfig", kubeconfigPath().toString(),
                "--state", statePath().toString(),
                "--pod-cidr", options.podCidr(),
                "--exit-with-parent", Long.toString(ProcessHandle.current().pid())));
        for (String rule : options.denied()) {
            command.addAll(List.of("--deny", rule));
        }
        command.addAll(options.networkFlags());
        options.tokenFile().ifPresent(f -> command.addAll(List.of("--token-file", f.toAbsolutePath().toString())));
        process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        outputPump = new Thread(() -> pumpOutput(process, ready), "sim-cluster-output-" + process.pid());
        outputPump.setDaemon(true);
        outputPump.start();
        try {
            String line = ready.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Matcher m = READY_PORT.matcher(line);
            if (!m.find()) {
                throw new IOException("unexpected ready line: " + line);
            }
            port = Integer.parseInt(m.group(1));
        } catch (ExecutionException | TimeoutException e) {
            destroyQuietly();
            throw new IOException("sim-cluster did not become ready (see " + logPath() + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            destroyQuietly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting sim-cluster", e);
        }
    }

    /** Copies the process output to the log (a full pipe would block the simulator) and spots the ready line. */
    private void pumpOutput(Process proc, CompletableFuture<String> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logPath(), StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.write(System.lineSeparator());
                log.flush();
                if (line.startsWith(READY_PREFIX)) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("the process exited before it was ready"));
    }

    private synchronized void stopProcess() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
            outputPump.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void destroyQuietly() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
