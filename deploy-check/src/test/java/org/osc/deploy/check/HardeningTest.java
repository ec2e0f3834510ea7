package org.osc.deploy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The checks fail when a manifest loses any of the hardening: each case takes OSC's own manifests (which pass),
 * breaks one thing, and expects the violation that names it; a hand-written careless manifest gets every
 * violation at once.
 */
class HardeningTest {

    @Test
    void aCarelessManifestIsRefusedForEverythingItLacks() throws IOException {
        List<String> found = Hardening.violations(Manifests.parse(resource("bad-deployment.yaml")));
        List<String> expected = List.of(
                "Deployment shop/careless: hostNetwork is true",
                "Deployment shop/careless: volume host is a hostPath",
                "Deployment shop/careless: automountServiceAccountToken is not set",
                "Deployment shop/careless container app: runAsNonRoot is not true",
                "Deployment shop/careless container app: runs as user 0",
                "Deployment shop/careless container app: seccompProfile is not RuntimeDefault",
                "Deployment shop/careless container app: allowPrivilegeEscalation is not false",
                "Deployment shop/careless container app: privileged",
                "Deployment shop/careless container app: readOnlyRootFilesystem is not true",
                "Deployment shop/careless container app: capabilities do not drop ALL",
                "Deployment shop/careless container app: adds capabilities [\"NET_ADMIN\"]",
                "Deployment shop/careless container app: no cpu in resources.requests",
                "Deployment shop/careless container app: no memory in resources.requests",
                "Deployment shop/careless container app: no cpu in resources.limits",
                "Deployment shop/careless container app: no memory in resources.limits",
                "Deployment shop/careless container app: image example.org/careless has no tag",
                "Deployment shop/careless container app: no readinessProbe",
                "Deployment shop/careless container app: no livenessProbe",
                "ClusterRole careless rule 0: wildcard in apiGroups",
                "ClusterRole careless rule 0: grants access to Secrets",
                "ClusterRole careless rule 0: grants impersonate",
                "ClusterRole careless rule 1: grants non-resource URLs",
                "ServiceAccount shop/careless: automountServiceAccountToken is not false",
                "RoleBinding shop/careless-admin: binds the built-in role cluster-admin",
                "ClusterRoleBinding careless: grants writes to secrets in every namespace",
                "ClusterRoleBinding careless: grants writes to pods in every namespace",
                "Deployment shop/careless: no NetworkPolicy selects its pods for both Ingress and Egress",
                "Deployment shop/careless: no PodDisruptionBudget selects its pods");
        for (String violation : expected) {
            assertTrue(found.stream().anyMatch(f -> f.startsWith(violation)), "missing: " + violation + " in "
                    + String.join("\n", found));
        }
        assertEquals(expected.size(), found.size(), String.join("\n", found));
    }

    static Stream<Arguments> breakages() {
        return Stream.<Arguments>of(
                breaks("the pod's runAsNonRoot", "container osc: runAsNonRoot is not true",
                        o -> podSecurity(o).remove("runAsNonRoot")),
                breaks("the pod's seccomp profile", "container osc: seccompProfile is not RuntimeDefault",
                        o -> podSecurity(o).remove("seccompProfile")),
                breaks("a read-only root filesystem", "container osc: readOnlyRootFilesystem is not true",
                        o -> security(o, "containers").put("readOnlyRootFilesystem", false)),
                breaks("the init container's read-only root", "init container plugins: readOnlyRootFilesystem",
                        o -> security(o, "initContainers").remove("readOnlyRootFilesystem")),
                breaks("no privilege escalation", "container osc: allowPrivilegeEscalation is not false",
                        o -> security(o, "containers").remove("allowPrivilegeEscalation")),
                breaks("dropping every capability", "container osc: capabilities do not drop ALL",
                        o -> ((ObjectNode) security(o, "containers").path("capabilities")).remove("drop")),
                breaks("adding none", "container osc: adds capabilities",
                        o -> ((ObjectNode) security(o, "containers").path("capabilities")).putArray("add")
                                .add("NET_RAW")),
                breaks("the memory limit", "container osc: no memory in resources.limits",
                        o -> ((ObjectNode) container(o, "containers").path("resources").path("limits"))
                                .remove("memory")),
                breaks("the liveness probe", "container osc: no livenessProbe",
                        o -> container(o, "containers").remove("livenessProbe")),
                breaks("a pinned image", "container osc: image osc:latest is tagged latest",
                        o -> container(o, "containers").put("image", "osc:latest")),
                breaks("an explicit token decision", "Deployment osc-system/osc: automountServiceAccountToken is not",
                        o -> pod(o).remove("automountServiceAccountToken")),
                breaks("a token only where RBAC grants something", "which no RoleBinding or ClusterRoleBinding",
                        o -> o.removeIf(x -> x.path("kind").asText().endsWith("RoleBinding"))),
                breaks("the ServiceAccount's automount off", "ServiceAccount osc-system/osc: automountServiceAccount",
                        o -> find(o, "ServiceAccount osc-system/osc").put("automountServiceAccountToken", true)),
                breaks("RBAC without wildcards", "ClusterRole osc-cluster-reader rule 0: wildcard in verbs",
                        o -> ((ArrayNode) rule(o, "ClusterRole osc-cluster-reader").path("verbs")).add("*")),
                breaks("RBAC without Secrets", "ClusterRole osc-cluster-reader rule 0: grants access to Secrets",
                        o -> ((ArrayNode) rule(o, "ClusterRole osc-cluster-reader").path("resources"))
                                .add("secrets")),
                breaks("VNF writes bound per namespace",
                        "ClusterRoleBinding osc-cluster-reader: grants writes to deployments in every namespace",
                        o -> ((ObjectNode) find(o, "ClusterRoleBinding osc-cluster-reader").path("roleRef"))
                                .put("name", "osc-vnf-manager")),
                breaks("the NetworkPolicy", "no NetworkPolicy selects its pods",
                        o -> o.removeIf(x -> x.path("kind").asText().equals("NetworkPolicy"))),
                breaks("the NetworkPolicy's egress", "no NetworkPolicy selects its pods",
                        o -> ((ArrayNode) find(o, "NetworkPolicy osc-system/osc").path("spec").path("policyTypes"))
                                .remove(1)),
                breaks("the PodDisruptionBudget", "no PodDisruptionBudget selects its pods",
                        o -> o.removeIf(x -> x.path("kind").asText().equals("PodDisruptionBudget"))),
                breaks("the restricted Pod Security Standard", "Namespace osc-system: runs Deployment osc-system/osc",
                        o -> ((ObjectNode) find(o, "Namespace osc-system").path("metadata").path("labels"))
                                .remove("pod-security.kubernetes.io/enforce")),
                breaks("no host paths", "volume data is a hostPath",
                        o -> ((ObjectNode) pod(o).path("volumes").get(0)).putObject("hostPath").put("path", "/")));
    }

    @ParameterizedTest(name = "losing {0}")
    @MethodSource("breakages")
    void losingOneHardeningOfOscsOwnManifestsIsNamed(String what, String expected, Consumer<List<ObjectNode>> change) {
        List<ObjectNode> objects = Manifests.ofKustomization(DeployDir.path());
        assertEquals(List.of(), Hardening.violations(objects), "the shipped manifests pass before the change");
        change.accept(objects);
        List<String> found = Hardening.violations(objects);
        assertTrue(found.stream().anyMatch(f -> f.contains(expected)), "expected '" + expected + "' in " + found);
    }

    @Test
    void aKustomizationThatPatchesIsRefusedBecauseItsFilesWouldNotSayWhatIsApplied() throws IOException {
        Path dir = Files.createTempDirectory("kustomization");
        try {
            Files.writeString(dir.resolve("kustomization.yaml"),
                    "resources: [a.yaml]\npatches:\n  - path: p.yaml\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Manifests.ofKustomization(dir));
            assertTrue(e.getMessage().contains("[patches]"), e.getMessage());
        } finally {
            Files.delete(dir.resolve("kustomization.yaml"));
            Files.delete(dir);
        }
    }

    @Test
    void anImageIsPinnedByATagOtherThanLatestOrByADigest() {
        List<String> found = new ArrayList<>();
        PodRules.image("c", "registry.example.org:5000/osc/osc", found::add);
        PodRules.image("c", "registry.example.org:5000/osc/osc:latest", found::add);
        PodRules.image("c", "registry.example.org:5000/osc/osc:0.1.0", found::add);
        PodRules.image("c", "osc@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", found::add);
        assertEquals(List.of("c: image registry.example.org:5000/osc/osc has no tag (it means latest)",
                "c: image registry.example.org:5000/osc/osc:latest is tagged latest"), found);
    }

    private static Arguments breaks(String what, String expected, Consumer<List<ObjectNode>> change) {
        return Arguments.of(what, expected, change);
    }

    private static ObjectNode find(List<ObjectNode> objects, String described) {
        return objects.stream().filter(o -> Manifests.describe(o).equals(described)).findFirst().orElseThrow();
    }

    private static ObjectNode pod(List<ObjectNode> objects) {
        return (ObjectNode) find(objects, "Deployment osc-system/osc").path("spec").path("template").path("spec");
    }

    private static ObjectNode podSecurity(List<ObjectNode> objects) {
        return (ObjectNode) pod(objects).path("securityContext");
    }

    private static ObjectNode container(List<ObjectNode> objects, String field) {
        return (ObjectNode) pod(objects).path(field).get(0);
    }

    private static ObjectNode security(List<ObjectNode> objects, String field) {
        return (ObjectNode) container(objects, field).path("securityContext");
    }

    private static ObjectNode rule(List<ObjectNode> objects, String role) {
        return (ObjectNode) find(objects, role).path("rules").get(0);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HardeningTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
