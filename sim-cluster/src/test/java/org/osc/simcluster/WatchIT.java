package org.osc.simcluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Watches and informers against the simulator, and the 410 Gone it can send on demand. */
class WatchIT {

    @TempDir
    static Path workDir;
    static SimCluster cluster;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(workDir, SimClusterOptions.defaults());
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(cluster.kubeconfigPath()))).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Pod pod(String namespace, String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of("app", "watched")).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build();
    }

    /** Records what an informer reported, by pod name. */
    static final class Recorder implements ResourceEventHandler<Pod> {
        final Set<String> added = ConcurrentHashMap.newKeySet();
        final Set<String> runningWithIp = ConcurrentHashMap.newKeySet();
        final Set<String> deleted = ConcurrentHashMap.newKeySet();

        @Override
        public void onAdd(Pod pod) {
            added.add(pod.getMetadata().getName());
            note(pod);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            note(newPod);
        }

        @Override
        public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            deleted.add(pod.getMetadata().getName());
        }

        private void note(Pod pod) {
            if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                    && pod.getStatus().getPodIP() != null) {
                runningWithIp.add(pod.getMetadata().getName());
            }
        }
    }

    @Test
    void informerSeesAddUpdateAndDelete() {
        Recorder events = new Recorder();
        SharedIndexInformer<Pod> informer = client.pods().inNamespace("watch-informer").inform(events);
        try {
            client.pods().inNamespace("watch-informer").resource(pod("watch-informer", "a")).create();
            Await.until("ADDED a", () -> events.added.contains("a"));
            Await.until("a MODIFIED to Running with an IP", () -> events.runningWithIp.contains("a"));

            client.pods().inNamespace("watch-informer").withName("a").delete();
            Await.until("DELETED a", () -> events.deleted.contains("a"));
        } finally {
            informer.stop();
        }
    }

    @Test
    void expiredWatchIsClosedWithGone() throws Exception {
        CompletableFuture<WatcherException> closed = new CompletableFuture<>();
        Watch watch = client.pods().inNamespace("watch-gone").watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod resource) {
            }

            @Override
            public void onClose(WatcherException cause) {
                closed.complete(cause);
            }
        });
        try {
            // the watch is registered once the WebSocket is open; the health endpoint counts open watches
            Await.until("the watch to open", () -> expireIsSeen(closed));
            WatcherException cause = closed.get(10, TimeUnit.SECONDS);
            assertTrue(cause.isHttpGone(), "expected 410 Gone, got " + cause);
        } finally {
            watch.close();
        }
    }

    /** Expires watches until ours has been among them (it may not be open yet on the first call). */
    private static boolean expireIsSeen(CompletableFuture<WatcherException> closed) {
        try {
            cluster.expireWatches();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try {
            closed.get(200, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    @Test
    void informerRelistsAfterGoneAndKeepsWorking() throws Exception {
        Recorder events = new Recorder();
        SharedIndexInformer<Pod> informer = client.pods().inNamespace("watch-relist").inform(events);
        try {
            client.pods().inNamespace("watch-relist").resource(pod("watch-relist", "before")).create();
            Await.until("ADDED before", () -> events.added.contains("before"));

            assertTrue(cluster.expireWatches() >= 1, "at least the informer's watch was open");

            client.pods().inNamespace("watch-relist").resource(pod("watch-relist", "after")).create();
            Await.until("the relisted informer to see a pod created after the 410",
                    () -> informer.getStore().getByKey("watch-relist/after") != null
                            && events.runningWithIp.contains("after"));
            assertTrue(informer.hasSynced());
        } finally {
            informer.stop();
        }
    }

    @Test
    void aWatchFromAListsVersionSeesWhatChangedAfterTheListDeletionsIncluded() throws Exception {
        String ns = "watch-resume";
        client.pods().inNamespace(ns).resource(pod(ns, "gone")).create();
        client.pods().inNamespace(ns).resource(pod(ns, "stays")).create();
        Await.until("both pods Running", () -> client.pods().inNamespace(ns).list().getItems().stream()
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).count() == 2);
        String listed = client.pods().inNamespace(ns).list().getMetadata().getResourceVersion();

        // between the list and the watch, as happens to every informer
        client.pods().inNamespace(ns).withName("gone").delete();
        client.pods().inNamespace(ns).resource(pod(ns, "new")).create();

        Map<String, String> seen = new ConcurrentHashMap<>();
        Watch watch = client.pods().inNamespace(ns).withResourceVersion(listed).watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod resource) {
                seen.merge(resource.getMetadata().getName(), action.name(), (a, b) -> a + "," + b);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        try {
            Await.until("DELETED gone and ADDED new", () -> seen.getOrDefault("gone", "").contains("DELETED")
                    && seen.getOrDefault("new", "").startsWith("ADDED"));
            assertTrue(!seen.containsKey("stays"), "an unchanged pod is not replayed: " + seen);
        } finally {
            watch.close();
        }
    }

    @Test
    void aWatchFromBeforeARestartGetsGoneAndAnInformerRelistsWithoutPhantoms() throws Exception {
        String ns = "watch-restart";
        Recorder events = new Recorder();
        SharedIndexInformer<Pod> informer = client.pods().inNamespace(ns).inform(events);
        try {
            client.pods().inNamespace(ns).resource(pod(ns, "old")).create();
            Await.until("ADDED old", () -> events.added.contains("old"));
            String before = client.pods().inNamespace(ns).list().getMetadata().getResourceVersion();
            client.pods().inNamespace(ns).resource(pod(ns, "mid")).create();
            Await.until("ADDED mid", () -> events.added.contains("mid"));

            // the new process's history starts at the restart: what happened between "before" and it is not in it
            cluster.restart();
            client.pods().inNamespace(ns).withName("old").delete();

            CompletableFuture<WatcherException> closed = new CompletableFuture<>();
            Watch watch = client.pods().inNamespace(ns).withResourceVersion(before).watch(new Watcher<Pod>() {
                @Override
                public void eventReceived(Action action, Pod resource) {
                }

                @Override
                public void onClose(WatcherException cause) {
                    closed.complete(cause);
                }
            });
            try {
                WatcherException cause = closed.get(10, TimeUnit.SECONDS);
                assertTrue(cause.isHttpGone(), "a version from before the restart is too old: " + cause);
            } finally {
                watch.close();
            }
            Await.until("the informer dropped the pod deleted while it reconnected",
                    () -> informer.getStore().getByKey(ns + "/old") == null);
        } finally {
            informer.stop();
        }
    }
}
