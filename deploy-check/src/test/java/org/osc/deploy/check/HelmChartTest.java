package org.osc.deploy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/**
 * The Helm chart ({@code deploy/helm/osc}), rendered by Helm itself (helm-java: Helm's own code as a library):
 * with its default values it makes exactly the objects of {@code deploy/} (so the two never drift apart), and its
 * values move OSC and its VNF namespaces while every object keeps the hardening and the least RBAC.
 */
class HelmChartTest {

    private static final String ACCOUNT = "osc-system/osc";

    private static List<ObjectNode> render(Map<String, Object> values) {
        TemplateCommand template = new Helm(DeployDir.path().resolve("helm").resolve("osc")).template().withName("osc");
        values.forEach(template::set);
        return Manifests.parse(template.call());
    }

    private static Map<String, ObjectNode> byName(List<ObjectNode> objects) {
        Map<String, ObjectNode> named = new TreeMap<>();
        objects.forEach(o -> named.put(Manifests.describe(o), o));
        return named;
    }

    @Test
    void withItsDefaultsTheChartMakesExactlyTheObjectsOfTheKustomization() {
        Map<String, ObjectNode> chart = byName(render(Map.of()));
        Map<String, ObjectNode> files = byName(Manifests.ofKustomization(DeployDir.path()));
        assertEquals(files.keySet(), chart.keySet());
        files.forEach((name, object) -> assertEquals(object, chart.get(name), name + " differs in the chart"));
    }

    @Test
    void itsValuesMoveOscAndItsVnfNamespacesAndEveryObjectKeepsTheHardening() {
        List<ObjectNode> objects = render(Map.of("namespace", "security", "createNamespace", false,
                "vnfNamespaces[0]", "inspect-a", "vnfNamespaces[1]", "inspect-b", "replicas", 3,
                "image", "registry.example.org/osc/osc:0.1.0", "resources.limits.memory", "2Gi"));
        assertEquals(List.of(), Hardening.violations(objects));

        Map<String, ObjectNode> named = byName(objects);
        assertEquals(List.of("Namespace inspect-a", "Namespace inspect-b"), named.keySet().stream()
                .filter(n -> n.startsWith("Namespace ")).toList(), "OSC's own namespace is not created");
        for (ObjectNode object : objects) {
            String namespace = object.path("metadata").path("namespace").asText("");
            boolean vnfBinding = Manifests.describe(object).startsWith("RoleBinding inspect-");
            if (!namespace.isEmpty() && !vnfBinding) {
                assertEquals("security", namespace, Manifests.describe(object));
            }
        }
        JsonNode pod = named.get("Deployment security/osc").path("spec");
        assertEquals(3, pod.path("replicas").asInt());
        for (JsonNode container : pod.path("template").path("spec").path("containers")) {
            assertEquals("registry.example.org/osc/osc:0.1.0", container.path("image").asText());
            assertEquals("2Gi", container.path("resources").path("limits").path("memory").asText());
            assertEquals("250m", container.path("resources").path("requests").path("cpu").asText(), "kept");
        }
        for (JsonNode container : pod.path("template").path("spec").path("initContainers")) {
            assertEquals("registry.example.org/osc/osc:0.1.0", container.path("image").asText());
        }

        // the same grants as the shipped manifests', in the namespaces the values name
        TreeSet<String> expected = new TreeSet<>();
        for (String grant : RbacGrantsTest.grants(Manifests.ofKustomization(DeployDir.path()), ACCOUNT)) {
            String moved = grant.replace(" in osc-system", " in security");
            if (moved.endsWith(" in osc-vnfs")) {
                expected.add(moved.replace(" in osc-vnfs", " in inspect-a"));
                expected.add(moved.replace(" in osc-vnfs", " in inspect-b"));
            } else {
                expected.add(moved);
            }
        }
        assertEquals(expected, RbacGrantsTest.grants(objects, "security/osc"));
        assertEquals(new TreeSet<>(), RbacGrantsTest.grants(objects, ACCOUNT), "nothing granted to the old account");
    }
}
