package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server in this JVM: what its shutdown leaves behind. */
class SimClusterServerIT {

    @TempDir
    Path dir;

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    @Test
    void closeSavesTheStateAndStopsEveryThreadItStarted() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        Path state = dir.resolve("state.json");
        SimClusterServer server = SimClusterServer.start(SimClusterFlags.parse(
                "--kubeconfig", dir.resolve("kubeconfig").toString(), "--state", state.toString()));
        server.controllerSynced().get(60, java.util.concurrent.TimeUnit.SECONDS);
        Config config = Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig")));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("kept")
                    .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("x").endContainer()
                    .endSpec().build()).create();
            client.pods().inNamespace("default").watch(new io.fabric8.kubernetes.client.Watcher<>() {
                @Override
                public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Pod resource) {
                }

                @Override
                public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
                }
            });
        }

        server.close();

        assertTrue(Files.readString(state).contains("\"name\":\"kept\""), "saved on close");
        long deadline = System.currentTimeMillis() + 10_000;
        Set<Thread> leftover;
        do {
            Thread.sleep(100);
            leftover = liveNonDaemonThreads();
            leftover.removeAll(before);
        } while (!leftover.isEmpty() && System.currentTimeMillis() < deadline);
        assertEquals(Set.of(), leftover.stream().map(Thread::getName).collect(Collectors.toSet()));
    }
}
