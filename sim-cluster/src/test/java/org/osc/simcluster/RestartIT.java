package org.osc.simcluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** State kept across a restart of the simulator process. */
class RestartIT {

    @TempDir
    Path workDir;

    private static KubernetesClient clientFor(SimCluster cluster) throws Exception {
        return new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(cluster.kubeconfigPath()))).build();
    }

    @Test
    void objectsSurviveRestartWithTheirUidsIpsAndOrdering() throws Exception {
        try (SimCluster cluster = SimCluster.start(workDir)) {
            Deployment deployment;
            Set<String> podUids;
            Map<String, String> ipsByUid;
            long versionBefore;
            int port = cluster.port();
            try (KubernetesClient client = clientFor(cluster)) {
                deployment = client.apps().deployments().inNamespace("keep")
                        .resource(SimClusterIT.deployment("keep", "web", 2, "nginx")).create();
                client.configMaps().inNamespace("keep").resource(new ConfigMapBuilder()
                        .withNewMetadata().withName("settings").endMetadata().addToData("k", "v").build()).create();
                Await.until("2 running pods", () -> SimClusterIT.runningPodsOf(client, deployment).size() == 2);
                ipsByUid = SimClusterIT.runningPodsOf(client, deployment).stream()
                        .collect(Collectors.toMap(p -> p.getMetadata().getUid(), p -> p.getStatus().getPodIP()));
                podUids = ipsByUid.keySet();
                versionBefore = Long.parseLong(client.pods().inNamespace("keep").list().getMetadata()
                        .getResourceVersion());
            }

            cluster.restart();

            assertEquals(port, cluster.port(), "same port after restart");
            assertTrue(Files.size(cluster.statePath()) > 0);
            try (KubernetesClient client = clientFor(cluster)) {
                ConfigMap settings = client.configMaps().inNamespace("keep").withName("settings").get();
                assertNotNull(settings, "config map restored");
                assertEquals("v", settings.getData().get("k"));
                Deployment restored = client.apps().deployments().inNamespace("keep").withName("web").get();
                assertEquals(deployment.getMetadata().getUid(), restored.getMetadata().getUid());
                Map<String, String> ipsAfter = SimClusterIT.runningPodsOf(client, restored).stream()
                        .collect(Collectors.toMap(p -> p.getMetadata().getUid(), p -> p.getStatus().getPodIP()));
                assertEquals(ipsByUid, ipsAfter, "the same pods, with the same IPs, were restored, not recreated");

                Pod fresh = client.pods().inNamespace("keep").resource(new PodBuilder()
                        .withNewMetadata().withName("fresh").endMetadata()
                        .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                        .build()).create();
                Set<String> restoredUids = new HashSet<>(podUids);
                restoredUids.add(restored.getMetadata().getUid());
                restoredUids.add(settings.getMetadata().getUid());
                client.namespaces().list().getItems().forEach(n -> restoredUids.add(n.getMetadata().getUid()));
                assertFalse(restoredUids.contains(fresh.getMetadata().getUid()),
                        "uids of restored objects are not handed out again: " + fresh.getMetadata().getUid());
                assertTrue(Long.parseLong(fresh.getMetadata().getResourceVersion()) > versionBefore,
                        "resourceVersions continue after a restart instead of starting over");
                Await.until("the new pod to get an IP", () -> {
                    Pod p = client.pods().inNamespace("keep").withName("fresh").get();
                    return p.getStatus() != null && p.getStatus().getPodIP() != null;
                });
                String freshIp = client.pods().inNamespace("keep").withName("fresh").get().getStatus().getPodIP();
                assertFalse(ipsAfter.containsValue(freshIp), "a restored pod's IP is not handed out again");
            }
        }
    }
}
