package org.osc.deploy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.simcluster.SimCluster;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 15's acceptance command, {@code kubectl apply -k deploy/ --dry-run=client -o yaml}, against the simulated
 * cluster: kubectl needs an API server's discovery to know every type it applies (with no server it refuses), and
 * sends nothing with a client dry run. The stand-in publishes no OpenAPI schema, so client-side validation is off
 * ({@code --validate=false}); a real API server validates.
 */
class ApplyDryRunTest {

    @Test
    void applyDryRunSendsTheObjectsOfTheFilesAndTheyPass(@TempDir Path work) throws IOException {
        Kubectl kubectl = DeployDir.kubectl();
        try (SimCluster cluster = SimCluster.start(work.resolve("sim"))) {
            String yaml = kubectl.run(Map.of(), "--kubeconfig", cluster.kubeconfigPath().toString(), "apply", "-k",
                    DeployDir.path().toString(), "--dry-run=client", "--validate=false", "-o", "yaml");
            List<ObjectNode> applied = Manifests.parse(yaml);
            // One List of every object, as kubectl prints several.
            List<ObjectNode> objects = applied.size() == 1 && applied.get(0).path("kind").asText().equals("List")
                    ? items(applied.get(0)) : applied;
            List<ObjectNode> files = Manifests.ofKustomization(DeployDir.path());
            assertEquals(files.stream().map(Manifests::describe).sorted().toList(),
                    objects.stream().map(Manifests::describe).sorted().toList());
            assertEquals(List.of(), Hardening.violations(objects));
            String stored = kubectl.run(Map.of(), "--kubeconfig", cluster.kubeconfigPath().toString(), "get",
                    "deployments,clusterroles,leases", "-A", "-o", "name");
            assertEquals("", stored.strip(), "a client dry run stores nothing");
        }
    }

    private static List<ObjectNode> items(ObjectNode list) {
        return StreamSupport.stream(list.path("items").spliterator(), false)
                .map(ObjectNode.class::cast).toList();
    }
}
