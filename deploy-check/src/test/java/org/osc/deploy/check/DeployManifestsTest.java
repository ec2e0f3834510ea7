package org.osc.deploy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OSC's own manifests, as {@code kubectl apply -k deploy/} would send them, pass the hardening: rendered by
 * {@code kubectl kustomize} (no cluster needed) and read from the files the kustomization lists.
 */
class DeployManifestsTest {

    @Test
    void theFilesOfTheKustomizationPassTheHardening() {
        List<ObjectNode> objects = Manifests.ofKustomization(DeployDir.path());
        assertTrue(objects.size() >= 10, "objects read: " + objects.size());
        assertEquals(List.of(), Hardening.violations(objects));
    }

    @Test
    void kubectlRendersTheKustomizationIntoTheSameObjectsAndTheyPass() {
        String rendered = DeployDir.kubectl().kustomize(DeployDir.path());
        List<ObjectNode> objects = Manifests.parse(rendered);
        assertEquals(List.of(), Hardening.violations(objects));
        List<ObjectNode> files = Manifests.ofKustomization(DeployDir.path());
        assertEquals(files.stream().map(Manifests::describe).sorted().toList(),
                objects.stream().map(Manifests::describe).sorted().toList());
        for (ObjectNode file : files) {
            ObjectNode same = objects.stream().filter(o -> Manifests.describe(o).equals(Manifests.describe(file)))
                    .findFirst().orElseThrow();
            assertEquals(file, same, "kubectl rendered " + Manifests.describe(file) + " otherwise than its file");
        }
    }

    @Test
    void twoReplicasRollOneAtATimeWithoutEverFallingBelowTwoAndElectALeaderOnALease() {
        List<ObjectNode> objects = Manifests.ofKustomization(DeployDir.path());
        JsonNode deployment = osc(objects);
        JsonNode spec = deployment.path("spec");
        assertEquals(2, spec.path("replicas").asInt());
        assertEquals("RollingUpdate", spec.path("strategy").path("type").asText());
        assertEquals(0, spec.path("strategy").path("rollingUpdate").path("maxUnavailable").asInt());
        assertEquals(1, spec.path("strategy").path("rollingUpdate").path("maxSurge").asInt());

        JsonNode pod = spec.path("template").path("spec");
        JsonNode env = pod.path("containers").get(0).path("env");
        assertEquals("kubernetes", value(env, "OSC_LEADER_ELECTION").path("value").asText());
        assertEquals("metadata.name", value(env, "OSC_POD_NAME").path("valueFrom").path("fieldRef")
                .path("fieldPath").asText(), "the pod's name is its identity in the election");
        assertEquals("metadata.namespace", value(env, "OSC_LEASE_NAMESPACE").path("valueFrom").path("fieldRef")
                .path("fieldPath").asText());
        String lease = value(env, "OSC_LEASE_NAME").path("value").asText();
        assertEquals("osc-leader", lease);
        assertTrue(pod.path("automountServiceAccountToken").asBoolean(), "the Lease is taken with the pod's token");
        // the Role names the same Lease, in the same namespace
        JsonNode role = find(objects, "Role osc-system/osc-leader-election");
        assertEquals(deployment.path("metadata").path("namespace"), role.path("metadata").path("namespace"));
        assertTrue(role.path("rules").toString().contains("\"" + lease + "\""), role.toString());

        JsonNode anti = pod.path("affinity").path("podAntiAffinity")
                .path("preferredDuringSchedulingIgnoredDuringExecution").get(0).path("podAffinityTerm");
        assertEquals("kubernetes.io/hostname", anti.path("topologyKey").asText());
        assertEquals(spec.path("selector").path("matchLabels"), anti.path("labelSelector").path("matchLabels"),
                "the replicas avoid each other's nodes");

        JsonNode budget = find(objects, "PodDisruptionBudget osc-system/osc");
        assertEquals(1, budget.path("spec").path("minAvailable").asInt());
        assertFalse(budget.path("spec").has("maxUnavailable"));
        assertEquals(spec.path("selector").path("matchLabels"), budget.path("spec").path("selector")
                .path("matchLabels"));
    }

    private static JsonNode value(JsonNode env, String name) {
        return env.findParents("name").stream().filter(v -> v.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + env));
    }

    @Test
    void theServerKeepsNothingInItsImageAndReachesPostgreSql() {
        JsonNode pod = osc(Manifests.ofKustomization(DeployDir.path())).path("spec").path("template").path("spec");
        JsonNode server = pod.path("containers").get(0);
        List<String> mounts = server.path("volumeMounts").findValuesAsText("mountPath");
        // bin/osc writes data/ and reads plugins/ under the distribution folder; the JVM writes /tmp.
        assertTrue(mounts.containsAll(List.of("/opt/osc/data", "/opt/osc/plugins", "/tmp")), mounts.toString());
        List<String> env = server.path("env").findValuesAsText("name");
        assertTrue(env.containsAll(List.of("OSC_DB_URL", "OSC_DB_USER", "OSC_DB_PASSWORD", "OSC_ADMIN_PASSWORD",
                "OSC_SECRET_KEY_FILE", "OSC_BIND_ADDRESS", "OSC_TLS_CERT_FILE", "OSC_TLS_KEY_FILE")), env.toString());
        for (JsonNode variable : server.path("env")) {
            if (variable.path("name").asText().startsWith("OSC_DB_")) {
                assertFalse(variable.has("value"), variable + " must come from a Secret");
            }
        }
    }

    @Test
    void theServiceTheProbesAndTheNetworkPolicyAllReachThePortTheServerListensOn() {
        List<ObjectNode> objects = Manifests.ofKustomization(DeployDir.path());
        JsonNode server = osc(objects).path("spec").path("template").path("spec").path("containers").get(0);
        String listens = server.path("env").findParents("name").stream()
                .filter(v -> v.path("name").asText().equals("OSC_HTTP_PORT")).findFirst().orElseThrow()
                .path("value").asText();
        JsonNode port = server.path("ports").get(0);
        assertEquals(listens, port.path("containerPort").asText());
        String name = port.path("name").asText();
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals(name, server.path(probe).path("httpGet").path("port").asText(), probe);
            assertEquals("HTTPS", server.path(probe).path("httpGet").path("scheme").asText(), probe);
        }
        // ready: 200 when the replica can serve, 503 when not (leader or follower alike); alive: the status answers
        assertEquals("/api/server/v1/serverManagement/ready", server.path("readinessProbe").path("httpGet")
                .path("path").asText());
        for (String probe : List.of("startupProbe", "livenessProbe")) {
            assertEquals("/api/server/v1/serverManagement/status", server.path(probe).path("httpGet").path("path")
                    .asText(), probe);
        }
        JsonNode service = find(objects, "Service osc-system/osc");
        assertEquals(name, service.path("spec").path("ports").get(0).path("targetPort").asText());
        JsonNode policy = find(objects, "NetworkPolicy osc-system/osc");
        assertEquals(listens, policy.path("spec").path("ingress").get(0).path("ports").get(0).path("port").asText());
    }

    private static JsonNode find(List<ObjectNode> objects, String described) {
        return objects.stream().filter(o -> Manifests.describe(o).equals(described)).findFirst().orElseThrow();
    }

    static JsonNode osc(List<ObjectNode> objects) {
        return objects.stream().filter(o -> Manifests.describe(o).equals("Deployment osc-system/osc")).findFirst()
                .orElseThrow();
    }
}
