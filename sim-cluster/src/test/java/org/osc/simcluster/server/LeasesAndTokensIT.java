package org.osc.simcluster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Leases as a real API server keeps them (what OSC's leader election relies on: create once, compare-and-set on
 * resourceVersion), and the bearer token check of {@code --token-file}. In this JVM.
 */
class LeasesAndTokensIT {

    private static final String TOKEN = "the-one-token";

    @TempDir
    static Path dir;
    static SimClusterServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        server = SimClusterServer.start(SimClusterFlags.parse("--kubeconfig", dir.resolve("kubeconfig").toString(),
                "--token-file", tokenFile.toString()));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(
                Files.readString(dir.resolve("kubeconfig")))).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Lease lease(String name, String holder) {
        return new LeaseBuilder().withNewMetadata().withName(name).withNamespace("osc").endMetadata().withNewSpec()
                .withHolderIdentity(holder).withLeaseDurationSeconds(15).withRenewTime(ZonedDateTime.now())
                .endSpec().build();
    }

    @Test
    void aLeaseIsCreatedOnceAndReplacedOnlyFromItsCurrentVersion() {
        Lease created = client.resource(lease("leader", "a")).create();
        KubernetesClientException again = assertThrows(KubernetesClientException.class,
                () -> client.resource(lease("leader", "b")).create());
        assertEquals(409, again.getCode());
        assertEquals("AlreadyExists", again.getStatus().getReason());
        assertTrue(again.getStatus().getMessage().contains("\"leader\" already exists"),
                again.getStatus().getMessage());

        Lease read = client.resources(Lease.class).inNamespace("osc").withName("leader").get();
        assertEquals("a", read.getSpec().getHolderIdentity());
        assertEquals(created.getMetadata().getResourceVersion(), read.getMetadata().getResourceVersion());

        read.getSpec().setHolderIdentity("b");
        Lease byB = client.resource(read).update();
        assertTrue(Long.parseLong(byB.getMetadata().getResourceVersion())
                > Long.parseLong(created.getMetadata().getResourceVersion()));

        Lease stale = created;
        stale.getSpec().setHolderIdentity("c");
        KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
                () -> client.resource(stale).update());
        assertEquals(409, conflict.getCode());
        assertEquals("Conflict", conflict.getStatus().getReason());
        assertEquals("b", client.resources(Lease.class).inNamespace("osc").withName("leader").get().getSpec()
                .getHolderIdentity(), "the stale replace changed nothing");

        assertTrue(client.resources(Lease.class).inNamespace("osc").withName("leader").delete().size() == 1);
        assertNull(client.resources(Lease.class).inNamespace("osc").withName("leader").get());
    }

    @Test
    void withATokenFileOnlyRequestsCarryingTheTokenAreServed() throws Exception {
        String url = server.masterUrl() + "apis/coordination.k8s.io/v1/namespaces/osc/leases";
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        assertTrue(none.body().contains("\"reason\":\"Unauthorized\""), none.body());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer not-" + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> right = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, right.statusCode());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.masterUrl()
                + "simcluster/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), "the simulator's own endpoints need no token");

        Config anonymous = new ConfigBuilder(Config.empty()).withMasterUrl(server.masterUrl()).build();
        try (KubernetesClient stranger = new KubernetesClientBuilder().withConfig(anonymous).build()) {
            KubernetesClientException e = assertThrows(KubernetesClientException.class,
                    () -> stranger.pods().inNamespace("default").list());
            assertEquals(401, e.getCode());
        }
        assertTrue(Files.readString(dir.resolve("kubeconfig")).contains("token: " + TOKEN),
                "the kubeconfig written carries the token");
    }
}
