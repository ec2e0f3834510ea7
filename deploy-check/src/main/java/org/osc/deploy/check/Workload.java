package org.osc.deploy.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An object that runs pods, with its pod template.
 *
 * @param object the object (a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod)
 * @param podSpec its pod spec
 * @param labels the labels its pods get
 */
public record Workload(ObjectNode object, JsonNode podSpec, JsonNode labels) {

    /** @return the workloads among the objects, in order */
    public static List<Workload> of(List<ObjectNode> objects) {
        List<Workload> workloads = new ArrayList<>();
        for (ObjectNode object : objects) {
            template(object).ifPresent(template -> workloads.add(new Workload(object, template.path("spec"),
                    template.path("metadata").path("labels"))));
        }
        return workloads;
    }

    private static Optional<JsonNode> template(ObjectNode object) {
        return switch (object.path("kind").asText()) {
            case "Pod" -> Optional.of(object);
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" ->
                Optional.of(object.path("spec").path("template"));
            case "CronJob" -> Optional.of(object.path("spec").path("jobTemplate").path("spec").path("template"));
            default -> Optional.empty();
        };
    }

    /** @return the object's namespace, empty when it names none */
    public String namespace() {
        return object.path("metadata").path("namespace").asText("");
    }

    /** @return how violations name it: {@code Kind namespace/name} */
    public String describe() {
        return Manifests.describe(object);
    }

    /** @return the init containers and then the containers */
    public List<JsonNode> allContainers() {
        List<JsonNode> all = new ArrayList<>();
        podSpec.path("initContainers").forEach(all::add);
        podSpec.path("containers").forEach(all::add);
        return all;
    }
}
