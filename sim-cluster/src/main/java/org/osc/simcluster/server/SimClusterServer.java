package org.osc.simcluster.server;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.osc.simcluster.server.net.NetworkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One simulated cluster inside the current JVM: state loaded, mock API server listening on 127.0.0.1, kubeconfig
 * written; the controller and kubelet start in the background ({@link #controllerSynced()}). {@link SimClusterMain}
 * runs one per process; tests of this module may run one in-process. Closing stops everything it started, in the
 * order that loses nothing: controller first (no more writes of its own), then the server (no more writes at
 * all), then the final save.
 */
public final class SimClusterServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimClusterServer.class);
    private static final Duration SAVE_DELAY = Duration.ofMillis(250);

    private final SimDispatcher dispatcher = new SimDispatcher();
    private final MockWebServer webServer = new MockWebServer();
    private final KubernetesMockServer mock;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-housekeeping");
        t.setDaemon(true);
        return t;
    });
    private StatePersister persister;
    private KubernetesClient client;
    private SimController controller;
    private final CompletableFuture<Void> controllerSynced = new CompletableFuture<>();
    private volatile boolean closed;
    /** The bearer token API requests must carry; null: none checked. */
    private String token;
    private int port;

    private SimClusterServer() {
        mock = new KubernetesMockServer(new Context(Serialization.jsonMapper()), webServer, new HashMap<>(),
                dispatcher, false);
    }

    /**
     * @param flags port, kubeconfig, state file, pod CIDR
     * @return the running cluster
     * @throws IOException if the state file cannot be read or the kubeconfig cannot be written
     */
    public static SimClusterServer start(SimClusterFlags flags) throws IOException {
        SimClusterServer server = new SimClusterServer();
        try {
            server.startUp(flags);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void startUp(SimClusterFlags flags) throws IOException {
        long startNanos = System.nanoTime();
        Optional<Path> state = flags.state();
        if (state.isPresent() && Files.exists(state.get())) {
            StateFile.Snapshot snapshot = StateFile.read(state.get());
            dispatcher.restore(snapshot);
            LOG.info("restored {} objects (resourceVersion {}) from {}", snapshot.objects().size(),
                    snapshot.resourceVersion(), state.get());
        } else {
            createSystemNamespaces();
        }
        if (state.isPresent()) {
            persister = new StatePersister(state.get(), dispatcher::snapshot, SAVE_DELAY);
            dispatcher.onChange(persister::changed);
        }
        flags.denied().forEach(dispatcher::deny);
        String token = null;
        if (flags.tokenFile().isPresent()) {
            token = Files.readString(flags.tokenFile().get()).trim();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("--token-file " + flags.tokenFile().get() + " is empty");
            }
            dispatcher.requireToken(token);
            LOG.info("API requests must carry the bearer token of {}", flags.tokenFile().get());
        }
        this.token = token;
        NetworkSettings network = networkSettings(flags);
        if (network != null) {
            dispatcher.serveCaptures(network.lab().dir().resolve("captures"));
        }
        mock.init(InetAddress.getByName("127.0.0.1"), flags.port());
        port = mock.getPort();
        // The mock records every request for its test assertions and never forgets one: a leak in a process
        // that runs for hours. Nobody here reads them.
        housekeeping.scheduleAtFixedRate(webServer::reset, 10, 10, TimeUnit.SECONDS);
        Kubeconfig.write(flags.kubeconfig(), masterUrl(), token);
        LOG.info("API server listening on {} after {} ms", masterUrl(), (System.nanoTime() - startNanos) / 1_000_000);

        IpPool ips = new IpPool(flags.podCidr());
        dispatcher.controllerSynced(controllerSynced::isDone);
        // The informers' first sync is most of the start-up time (about 2 s, mostly loading fabric8's model);
        // the API server is usable meanwhile, and whoever uses it waits for pods the way one waits on a real
        // cluster. So the sync runs in the background and the process reports ready as soon as it listens.
        Thread starter = new Thread(() -> startController(ips, network, startNanos), "sim-controller-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Network mode's lab, checked before the server listens: without it the cluster would be of no use. */
    private static NetworkSettings networkSettings(SimClusterFlags flags) throws IOException {
        if (flags.networkLab().isEmpty()) {
            return null;
        }
        if (!NetworkSettings.LAB_POD_CIDR.equals(flags.podCidr())) {
            throw new IllegalArgumentException("network mode uses the lab's pod network " + NetworkSettings.LAB_POD_CIDR
                    + " (a /24 per node), not --pod-cidr " + flags.podCidr());
        }
        NetworkSettings network = NetworkSettings.prepare(flags.ovnLab().orElse(null), flags.networkLab().get(),
                flags.nodes(), flags.vnfNodes());
        LOG.info("network mode: pods are plugged into the ovn-lab in {}, nodes {}, VNF nodes {}",
                network.lab().dir(), network.nodeNames(), network.vnfNodes());
        return network;
    }

    private synchronized void startController(IpPool ips, NetworkSettings network, long startNanos) {
        if (closed) {
            return;
        }
        try {
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl()).withHttp2Disable(true)
                    .withOauthToken(token).build();
            client = new KubernetesClientBuilder().withConfig(config).build();
            controller = new SimController(client, ips, network);
            controller.start();
            LOG.info("controller and kubelet synced after {} ms", (System.nanoTime() - startNanos) / 1_000_000);
            controllerSynced.complete(null);
        } catch (RuntimeException e) {
            LOG.error("the controller and kubelet could not start: pods will get no IPs", e);
            controllerSynced.completeExceptionally(e);
        }
    }

    /**
     * A new cluster has the namespaces every cluster has, so that code which looks them up finds them. Stored
     * before the server listens, like restored state. The mock does not require a namespace to exist before
     * objects are created in it.
     */
    private void createSystemNamespaces() {
        for (String name : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            dispatcher.seed("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":"
                    + "{\"name\":\"" + name + "\",\"labels\":{\"kubernetes.io/metadata.name\":\"" + name + "\"}},"
                    + "\"spec\":{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}");
        }
    }

    /**
     * @return completes when the controller and kubelet have synced their informers, exceptionally if they
     *         could not start
     */
    public CompletableFuture<Void> controllerSynced() {
        return controllerSynced;
    }

    /** @return the API server URL, with a trailing slash */
    public String masterUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** @return the port the API server listens on */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        closed = true;
        // waits for a controller start in progress, so that no informer is started after this
        synchronized (this) {
            closeController();
        }
        housekeeping.shutdownNow();
        mock.destroy();
        if (persister != null) {
            try {
                persister.close();
            } catch (IOException | RuntimeException e) {
                LOG.error("final save of the state failed", e);
            }
        }
    }

    private void closeController() {
        if (controller != null) {
            controller.close();
        }
        if (client != null) {
            client.close();
        }
    }
}
