package org.osc.k8s.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.k8s.KubernetesClients;
import org.osc.k8s.KubernetesPlatform;
import org.osc.platform.api.AccessDeniedException;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.PlatformException;
import org.osc.simcluster.SimCluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The connector check against the simulated cluster (its own process, over HTTP), whose access reviews allow
 * everything unless told to deny, and against servers that do not answer. Prints how long the failures took.
 */
class ClusterAccessIT {

    @TempDir
    static Path workDir;
    static SimCluster cluster;
    static KubernetesClient admin;
    static KubernetesClients clients;
    static KubernetesPlatform platform;
    static ConnectorInfo connector;

    @BeforeAll
    static void start() throws IOException {
        cluster = SimCluster.start(workDir);
        String kubeconfig = Files.readString(cluster.kubeconfigPath());
        admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
                .create();
        connector = new ConnectorInfo(0, "sim", kubeconfig, null, null, null, null, false);
        clients = new KubernetesClients();
        platform = new KubernetesPlatform(clients);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
            clients.close();
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void allowAll() throws IOException {
        cluster.allowAll();
    }

    @Test
    void aGoodKubeconfigPassesClusterWideAndInAnExistingNamespace() throws PlatformException {
        platform.check(connector, List.of());
        platform.check(connector, List.of("shop", "default"));
        assertFalse(clients.holds(0), "the check uses a client of its own, not a shared one");
    }

    @Test
    void anApiServerUrlWithTokenPassesToo() throws PlatformException {
        platform.check(new ConnectorInfo(0, "sim-url", null, null, cluster.masterUrl(), "a-token", null, false),
                List.of("shop"));
    }

    @Test
    void aDeadServerFailsAtOnceNamingTheServer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        ConnectorInfo dead = new ConnectorInfo(0, "dead", null, null, url, "t", null, false);
        long start = System.nanoTime();
        PlatformException e = assertThrows(PlatformException.class, () -> platform.check(dead, List.of()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("dead server (connection refused): check failed after " + millis + " ms: " + e.getMessage());
        assertFalse(e instanceof AccessDeniedException, "an address problem, not the credentials'");
        assertTrue(e.getMessage().startsWith("the API server at " + url + "/ does not answer: connection refused"),
                e.getMessage());
        assertTrue(millis < 3_000, "took " + millis + " ms");
    }

    @Test
    void aServerThatNeverAnswersFailsAfterTheTimeout() throws IOException {
        // Accepts connections (the backlog does) but never reads them: the request times out.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            ConnectorInfo stuck = new ConnectorInfo(0, "stuck", null, null, url, "t", null, false);
            long start = System.nanoTime();
            PlatformException e = assertThrows(PlatformException.class, () -> platform.check(stuck, List.of()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("silent server: check failed after " + millis + " ms: " + e.getMessage());
            assertEquals("the API server at " + url + "/ does not answer: timed out", e.getMessage());
            assertTrue(millis < ClusterAccess.DEFAULT_TIMEOUT.toMillis() + 3_000, "took " + millis + " ms");
        }
    }

    @Test
    void everyDeniedPermissionIsNamed() throws IOException {
        cluster.deny("list:pods");
        cluster.deny("create:deployments.apps:shop");
        cluster.deny("delete:networkpolicies:shop");
        // Another connector: the other tests' passed checks of `connector` are trusted for a few seconds.
        ConnectorInfo restricted = new ConnectorInfo(1, "sim-restricted", connector.kubeconfig(), null, null, null,
                null, false);

        AccessDeniedException clusterWide = assertThrows(AccessDeniedException.class,
                () -> platform.check(restricted, List.of()));
        assertEquals("the credentials lack permissions OSC needs on the API server at " + cluster.masterUrl()
                + ": may not list pods in all namespaces", clusterWide.getMessage());

        AccessDeniedException inShop = assertThrows(AccessDeniedException.class,
                () -> platform.check(restricted, List.of("shop", "default")));
        assertTrue(inShop.getMessage().endsWith(": may not list pods in namespace shop; may not create "
                + "deployments.apps in namespace shop; may not delete networkpolicies.networking.k8s.io in namespace "
                + "shop; may not list pods in namespace default"), inShop.getMessage());
    }

    @Test
    void aMissingNamespaceIsNamed() {
        PlatformException e = assertThrows(PlatformException.class,
                () -> platform.check(connector, List.of("shop", "nowhere")));
        assertFalse(e instanceof AccessDeniedException);
        assertEquals("namespace 'nowhere' does not exist (the API server at " + cluster.masterUrl() + ")",
                e.getMessage());
    }

    @Test
    void aKubeconfigThatDoesNotParseIsRefusedWithoutQuotingIt() {
        ConnectorInfo garbage = new ConnectorInfo(0, "bad", "token: s3cr3t\n: : [", null, null, null, null, false);
        PlatformException e = assertThrows(PlatformException.class, () -> platform.check(garbage, List.of()));
        assertEquals("the connection settings cannot be used by the Kubernetes client: the kubeconfig is not valid "
                + "YAML", e.getMessage());
    }
}
