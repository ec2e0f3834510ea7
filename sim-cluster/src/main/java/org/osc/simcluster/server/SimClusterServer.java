package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One simulated cluster inside the current JVM: state loaded, mock API server listening on 127.0.0.1, controller
 * and kubelet running, kubeconfig written. {@link SimClusterMain} runs one per process; tests of this module may
 * run one in-process. Closing stops everything it started, in the order that loses nothing: controller first
 * (no more writes of its own), then the server (no more writes at all), then the final save.
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
        IpPool ips = new IpPool(flags.podCidr());
        Optional<Path> state = flags.state();
        boolean restored = state.isPresent() && Files.exists(state.get());
        if (restored) {
            StateFile.Snapshot snapshot = StateFile.read(state.get());
            dispatcher.restore(snapshot);
            LOG.info("restored {} objects (resourceVersion {}) from {}", snapshot.objects().size(),
                    snapshot.resourceVersion(), state.get());
        }
        if (state.isPresent()) {
            persister = new StatePersister(state.get(), dispatcher::snapshot, SAVE_DELAY);
            dispatcher.onChange(persister::changed);
        }
        mock.init(InetAddress.getByName("127.0.0.1"), flags.port());
        port = mock.getPort();
        // The mock records every request for its test assertions and never forgets one: a leak in a process
        // that runs for hours. Nobody here reads them.
        housekeeping.scheduleAtFixedRate(webServer::reset, 10, 10, TimeUnit.SECONDS);

        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl()).withHttp2Disable(true).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
        if (!restored) {
            createSystemNamespaces();
        }
        controller = new SimController(client, ips);
        controller.start();
        Kubeconfig.write(flags.kubeconfig(), masterUrl());
    }

    /**
     * A new cluster has the namespaces every cluster has, so that code which looks them up finds them. The mock
     * does not require a namespace to exist before objects are created in it.
     */
    private void createSystemNamespaces() {
        for (String name : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                    .addToLabels("kubernetes.io/metadata.name", name).endMetadata()
                    .withNewStatus().withPhase("Active").endStatus().build()).create();
        }
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
        if (controller != null) {
            controller.close();
        }
        if (client != null) {
            client.close();
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
}
