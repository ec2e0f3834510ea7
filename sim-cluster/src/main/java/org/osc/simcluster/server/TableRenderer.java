package org.osc.simcluster.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Server-side printing, as kubectl asks for it ({@code Accept: application/json;as=Table;...}): the columns
 * {@code kubectl get} shows for pods (READY, STATUS, RESTARTS, AGE, and IP and NODE with {@code -o wide}) and
 * Deployments; NAME and AGE for every other type. Without it kubectl falls back to NAME and AGE for everything,
 * which hides exactly what the simulator adds (phase and pod IP).
 */
final class TableRenderer {

    private static final ObjectMapper MAPPER = Serialization.jsonMapper();

    /** One column: header, JSON type, and 0 = always shown, 1 = only with {@code -o wide}. */
    private record Column(String name, String type, int priority) {
    }

    private static final List<Column> POD_COLUMNS = List.of(new Column("Name", "string", 0),
            new Column("Ready", "string", 0), new Column("Status", "string", 0), new Column("Restarts", "integer", 0),
            new Column("Age", "string", 0), new Column("IP", "string", 1), new Column("Node", "string", 1),
            new Column("Nominated Node", "string", 1), new Column("Readiness Gates", "string", 1));
    private static final List<Column> DEPLOYMENT_COLUMNS = List.of(new Column("Name", "string", 0),
            new Column("Ready", "string", 0), new Column("Up-to-date", "integer", 0),
            new Column("Available", "integer", 0), new Column("Age", "string", 0),
            new Column("Containers", "string", 1), new Column("Images", "string", 1),
            new Column("Selector", "string", 1));
    private static final List<Column> DEFAULT_COLUMNS = List.of(new Column("Name", "string", 0),
            new Column("Age", "string", 0));

    private TableRenderer() {
    }

    /**
     * @param body what the store answered: a list or a single object
     * @return a {@code meta.k8s.io/v1} Table, or empty if the body is neither (e.g. a Status)
     */
    static Optional<String> render(String body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (Exception e) {
            return Optional.empty();
        }
        List<JsonNode> objects = new ArrayList<>();
        String kind = node.path("kind").asText();
        if (node.has("items") && kind.endsWith("List")) {
            node.path("items").forEach(objects::add);
            // the mock answers every list with kind "List": the items say what they are
            kind = objects.isEmpty() ? "" : objects.get(0).path("kind").asText();
        } else if (node.has("metadata") && !"Status".equals(kind)) {
            objects.add(node);
        } else {
            return Optional.empty();
        }
        List<Column> columns = kind.equals("Pod") ? POD_COLUMNS
                : kind.equals("Deployment") ? DEPLOYMENT_COLUMNS : DEFAULT_COLUMNS;
        ObjectNode table = MAPPER.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", node.path("metadata").path("resourceVersion").asText());
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (Column c : columns) {
            definitions.addObject().put("name", c.name()).put("type", c.type())
                    .put("format", c.name().equals("Name") ? "name" : "").put("description", "")
                    .put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            if (kind.equals("Pod")) {
                podCells(object, cells);
            } else if (kind.equals("Deployment")) {
                deploymentCells(object, cells);
            } else {
                cells.add(object.path("metadata").path("name").asText()).add(age(object));
            }
            // kubectl reads namespace and labels (-A, --show-labels, -L) from the row's object
            row.putObject("object").put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1")
                    .set("metadata", object.path("metadata"));
        }
        return Optional.of(table.toString());
    }

    private static void podCells(JsonNode pod, ArrayNode cells) {
        JsonNode status = pod.path("status");
        int containers = pod.path("spec").path("containers").size();
        int ready = 0;
        int restarts = 0;
        for (JsonNode cs : status.path("containerStatuses")) {
            ready += cs.path("ready").asBoolean() ? 1 : 0;
            restarts += cs.path("restartCount").asInt();
        }
        String phase = pod.path("metadata").has("deletionTimestamp") ? "Terminating"
                : status.path("phase").asText("Pending");
        cells.add(pod.path("metadata").path("name").asText()).add(ready + "/" + containers).add(phase).add(restarts)
                .add(age(pod)).add(status.path("podIP").asText("<none>"))
                .add(pod.path("spec").path("nodeName").asText("<none>")).add("<none>").add("<none>");
    }

    private static void deploymentCells(JsonNode deployment, ArrayNode cells) {
        JsonNode spec = deployment.path("spec");
        JsonNode status = deployment.path("status");
        List<JsonNode> containers = new ArrayList<>();
        spec.path("template").path("spec").path("containers").forEach(containers::add);
        List<String> selector = new ArrayList<>();
        spec.path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> selector.add(e.getKey() + "=" + e.getValue().asText()));
        cells.add(deployment.path("metadata").path("name").asText())
                .add(status.path("readyReplicas").asInt() + "/" + spec.path("replicas").asInt(1))
                .add(status.path("updatedReplicas").asInt()).add(status.path("availableReplicas").asInt())
                .add(age(deployment))
                .add(containers.stream().map(c -> c.path("name").asText()).collect(Collectors.joining(",")))
                .add(containers.stream().map(c -> c.path("image").asText()).collect(Collectors.joining(",")))
                .add(String.join(",", selector));
    }

    /** Like kubectl's HumanDuration, in its short form: 45s, 12m, 5h, 3d. */
    static String age(JsonNode object) {
        try {
            Instant created = Instant.parse(object.path("metadata").path("creationTimestamp").asText());
            Duration d = Duration.between(created, Instant.now());
            if (d.isNegative() || d.toSeconds() < 120) {
                return Math.max(0, d.toSeconds()) + "s";
            }
            if (d.toMinutes() < 120) {
                return d.toMinutes() + "m";
            }
            return d.toHours() < 48 ? d.toHours() + "h" : d.toDays() + "d";
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }
}
