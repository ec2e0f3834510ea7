package org.osc.deploy.check;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What must surround each workload: its namespace (when the manifests create it) enforces the {@code restricted}
 * Pod Security Standard, a NetworkPolicy selects its pods for both ingress and egress, and a Deployment or
 * StatefulSet has a PodDisruptionBudget.
 */
final class CoverageRules {

    private CoverageRules() {
    }

    static void check(List<ObjectNode> objects, List<Workload> workloads, Consumer<String> report) {
        for (Workload workload : workloads) {
            String what = workload.describe();
            for (ObjectNode object : objects) {
                if (object.path("kind").asText().equals("Namespace")
                        && object.path("metadata").path("name").asText().equals(workload.namespace())
                        && !object.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce")
                        .asText().equals("restricted")) {
                    report.accept(Manifests.describe(object) + ": runs " + what
                            + " but does not enforce the restricted Pod Security Standard");
                }
            }
            if (!covered(objects, workload, "NetworkPolicy", "podSelector", true)) {
                report.accept(what + ": no NetworkPolicy selects its pods for both Ingress and Egress");
            }
            String kind = workload.object().path("kind").asText();
            if ((kind.equals("Deployment") || kind.equals("StatefulSet"))
                    && !covered(objects, workload, "PodDisruptionBudget", "selector", false)) {
                report.accept(what + ": no PodDisruptionBudget selects its pods");
            }
        }
    }

    private static boolean covered(List<ObjectNode> objects, Workload workload, String kind, String selectorField,
            boolean bothDirections) {
        for (ObjectNode object : objects) {
            if (!object.path("kind").asText().equals(kind)
                    || !object.path("metadata").path("namespace").asText("").equals(workload.namespace())
                    || !selects(object.path("spec").path(selectorField), workload.labels())) {
                continue;
            }
            if (!bothDirections || types(object.path("spec").path("policyTypes")).containsAll(
                    List.of("Ingress", "Egress"))) {
                return true;
            }
        }
        return false;
    }

    /** Only {@code matchLabels} is understood: a selector with {@code matchExpressions} is taken not to match. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || !selector.path("matchExpressions").isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> label : selector.path("matchLabels").properties()) {
            if (!labels.path(label.getKey()).asText("\0").equals(label.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> types(JsonNode policyTypes) {
        return StreamSupport.stream(policyTypes.spliterator(), false).map(JsonNode::asText).toList();
    }
}
