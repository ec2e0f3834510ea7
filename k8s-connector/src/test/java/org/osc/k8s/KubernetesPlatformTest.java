package org.osc.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.LabelSelector;
import org.osc.platform.api.PlatformException;
import org.osc.platform.api.Workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** Membership queries against the fabric8 mock API server (CRUD mode) over real HTTP. */
@EnableKubernetesMockClient(crud = true)
class KubernetesPlatformTest {

    KubernetesMockServer server;
    KubernetesClient admin;
    private ConnectorInfo connector;
    private final KubernetesClients clients = new KubernetesClients();
    private final KubernetesPlatform platform = new KubernetesPlatform(clients);

    @BeforeEach
    void start() {
        // The mock serves HTTPS with a self-signed certificate: connect through a kubeconfig that says so.
        String kubeconfig = String.join("\n", "apiVersion: v1", "kind: Config", "clusters:", "- name: mock",
                "  cluster:", "    server: " + admin.getConfiguration().getMasterUrl(),
                "    insecure-skip-tls-verify: true", "users:", "- name: osc", "  user:", "    token: test-token",
                "contexts:", "- name: mock", "  context:", "    cluster: mock", "    user: osc",
                "current-context: mock", "");
        connector = new ConnectorInfo(1, "test", kubeconfig, null, null, null, null, false);
        pod("shop", "web-1", Map.of("app", "web"), "10.0.0.1");
        pod("shop", "web-2", Map.of("app", "web", "tier", "front"), "10.0.0.2");
        pod("shop", "db-1", Map.of("app", "db"), "10.0.0.3");
        pod("blog", "web-3", Map.of("app", "web"), null);
    }

    @AfterEach
    void stop() {
        platform.close();
        clients.close();
    }

    @Test
    void selectorsAreOredAndNamespacesLimitThem() throws PlatformException {
        assertEquals(Set.of("web-1", "web-2", "web-3"), names(platform.workloads(connector,
                List.of(LabelSelector.parse("app=web")), List.of())));
        assertEquals(Set.of("web-1", "web-2", "db-1"), names(platform.workloads(connector,
                List.of(LabelSelector.parse("app=web"), LabelSelector.parse("app=db")), List.of("shop"))));
        assertEquals(Set.of("web-2"), names(platform.workloads(connector,
                List.of(LabelSelector.parse("tier=front")), List.of())));
        assertTrue(platform.workloads(connector, List.of(), List.of()).isEmpty(), "no selector, no pod");
        assertEquals(4, platform.allWorkloads(connector, List.of()).size());
        assertEquals(Set.of("web-3"), names(platform.allWorkloads(connector, List.of("blog"))));
    }

    @Test
    void workloadsCarryUidIpsAndLabels() throws PlatformException {
        Workload web1 = platform.workloads(connector, List.of(LabelSelector.parse("tier=front")), List.of()).get(0);
        assertEquals("shop", web1.namespace());
        assertEquals(List.of("10.0.0.2"), web1.ipAddresses());
        assertEquals("front", web1.labels().get("tier"));
        assertTrue(!web1.uid().isBlank());
        Workload pending = platform.allWorkloads(connector, List.of("blog")).get(0);
        assertTrue(pending.ipAddresses().isEmpty(), "a pod without an IP yet has none");
    }

    @Test
    void anUnreachableClusterIsAReadableFailure() {
        ConnectorInfo gone = new ConnectorInfo(2, "gone", null, null, "http://127.0.0.1:9", "token", null, false);
        PlatformException e = assertThrows(PlatformException.class,
                () -> platform.workloads(gone, List.of(LabelSelector.parse("app=web")), List.of()));
        assertTrue(e.getMessage().contains("'gone'"), e.getMessage());
    }

    @Test
    void unwatchClosesTheConnectorsSharedClient() throws Exception {
        platform.watch(connector);
        KubernetesClient shared = clients.client(connector);
        assertTrue(clients.holds(connector.id()));
        platform.unwatch(connector.id());
        assertFalse(clients.holds(connector.id()), "the deleted connector's client is forgotten");
        assertTrue(shared.getHttpClient().isClosed(), "and closed");
        platform.unwatch(connector.id()); // again: ignored
        platform.unwatch(99); // unknown: ignored
        assertEquals(4, platform.allWorkloads(connector, List.of()).size(), "a later use opens a new client");
        assertTrue(clients.client(connector) != shared);
    }

    private void pod(String namespace, String name, Map<String, String> labels, String ip) {
        Pod pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels)
                .withUid(namespace + "-" + name).endMetadata().withNewStatus().withPhase("Running").withPodIP(ip)
                .endStatus().build();
        admin.pods().inNamespace(namespace).resource(pod).create();
    }

    private static Set<String> names(List<Workload> workloads) {
        return workloads.stream().map(Workload::name).collect(Collectors.toSet());
    }
}
