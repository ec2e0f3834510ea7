package org.osc.k8s;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.LabelSelector;
import org.osc.platform.api.PlatformException;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

/**
 * An API server that comes back without the deletions it made while the informer was away, deterministically:
 * the in-process fabric8 mock is replaced on the same port by a new one holding only some of the pods (as
 * REAL-COMPONENTS.md measured for a restarted mock). A plain informer reconnects, is replayed what exists, and
 * keeps the deleted pod for ever; the connector relists and drops it. (The simulated cluster's restart test shows
 * the same through a real restart, but whether its window produces a phantom depends on timing.)
 */
class KubernetesWatchStateLossTest {

    private final WatchRecorder events = new WatchRecorder();
    private final KubernetesClients clients = new KubernetesClients();
    private final KubernetesPlatform platform = new KubernetesPlatform(clients);
    private KubernetesMockServer server;
    private KubernetesClient plainClient;

    @AfterEach
    void stop() {
        platform.close();
        clients.close();
        if (plainClient != null) {
            plainClient.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    void podsDeletedWhileTheInformerWasAwayLeaveTheCache() throws Exception {
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        ConnectorInfo connector = new ConnectorInfo(5, "mock", null, null, url, "token", null, false);
        server = server(port);
        create(List.of("r-1", "r-2", "r-3"));
        platform.bindWorkloadEvents(events);
        platform.watch(connector);
        plainClient = new KubernetesClientBuilder().withConfig(KubernetesClients.config(connector)).build();
        SharedIndexInformer<Pod> plain = plainClient.pods().inAnyNamespace().inform();
        WatchRecorder.until("synced", () -> events.resyncs.get() > 0 && platform.followed(connector)
                && names(connector).equals(List.of("r-1", "r-2", "r-3")) && plain.getStore().list().size() == 3);
        int resyncs = events.resyncs.get();

        server.destroy();
        server = server(port); // same address, its state lost: r-2 is gone, the others come back
        create(List.of("r-1", "r-3"));

        WatchRecorder.until("relisted and resynced", () -> events.resyncs.get() > resyncs
                && platform.followed(connector) && names(connector).equals(List.of("r-1", "r-3")));
        WatchRecorder.until("the plain informer is back", () -> watching(plain));
        assertNotNull(plain.getStore().getByKey("loss/r-2"), "the plain informer keeps the phantom");
        plain.close();
    }

    private void create(List<String> pods) {
        try (KubernetesClient admin = server.createClient()) {
            pods.forEach(name -> TestPods.create(admin, "loss", name, Map.of("app", "web")));
        }
    }

    private List<String> names(ConnectorInfo connector) {
        try {
            return WatchRecorder.names(platform.workloads(connector, List.of(LabelSelector.parse("app=web")),
                    List.of("loss")));
        } catch (PlatformException e) {
            return List.of(); // between the two servers
        }
    }

    private static boolean watching(SharedIndexInformer<Pod> informer) {
        try {
            return informer.isWatching();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A CRUD mock API server over plain HTTP on the port. */
    private static KubernetesMockServer server(int port) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer mock = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        mock.init(InetAddress.getLoopbackAddress(), port);
        return mock;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
