package org.osc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The main fields of each kind as table columns. Tables are for people; scripts use {@code -o json}, which
 * carries every field.
 */
public final class Columns {

    /**
     * One column.
     *
     * @param header its title
     * @param value its cell for an object
     */
    public record Column(String header, Function<JsonNode, String> value) {
    }

    private Columns() {
    }

    /** @return the columns of the kind */
    public static List<Column> of(Kind kind) {
        return switch (kind) {
            case VC -> List.of(text("ID", "id"), text("NAME", "name"), text("TYPE", "type"),
                    text("CONTROLLER", "controllerType"), new Column("CLUSTER", Columns::cluster),
                    new Column("CONTROLLER-ATTRIBUTES", Columns::controllerAttributes), lastJob());
            case MC -> List.of(text("ID", "id"), text("NAME", "name"), text("MANAGER", "managerType"),
                    text("ADDRESS", "ipAddress"), text("USER", "username"), lastJob());
            case APPLIANCES -> List.of(text("ID", "id"), text("MODEL", "model"), text("MANAGER", "managerType"),
                    text("MANAGER-VERSION", "managerVersion"));
            case VERSIONS -> List.of(text("ID", "id"), text("APPLIANCE", "applianceId"),
                    text("SW-VERSION", "swVersion"), text("VIRTUALIZATION", "virtualizationType"),
                    text("VIRT-VERSION", "virtualizationVersion"), text("IMAGE", "imageUrl"));
            case DA -> List.of(text("ID", "id"), text("NAME", "name"), text("MC", "managerConnectorId"),
                    text("VERSION", "applianceSoftwareVersionId"),
                    new Column("VIRTUAL-SYSTEMS", Columns::virtualSystems), text("DELETING", "markedForDeletion"),
                    lastJob());
            case DS -> List.of(text("ID", "id"), text("VS", "virtualSystemId"), text("NAME", "name"),
                    text("NAMESPACE", "namespace"), text("COUNT", "count"), text("DELETING", "markedForDeletion"),
                    lastJob());
            case INSTANCES -> List.of(text("ID", "id"), text("NAME", "name"), text("NAMESPACE", "namespace"),
                    text("IP", "ipAddress"), text("MAC", "macAddress"), text("PORT", "inspectionPortId"),
                    text("READY", "inspectionReady"), text("POD-READY", "podReady"));
            case SG -> List.of(text("ID", "id"), text("NAME", "name"), text("PROTECT-ALL", "protectAll"),
                    join("NAMESPACES", "namespaces", null), join("MEMBERS", "members", "label"),
                    text("DELETING", "markedForDeletion"), lastJob());
            case MEMBERS -> List.of(text("NAME", "name"), text("NAMESPACE", "namespace"), text("UID", "uid"),
                    new Column("IPS", n -> ports(n, "ipAddresses")), new Column("MACS", n -> ports(n, "macAddress")),
                    new Column("PORTS", n -> ports(n, "portId")));
            case BINDINGS -> List.of(text("ID", "id"), text("NAME", "name"), text("VS", "virtualSystemId"),
                    join("POLICIES", "policyIds", null), text("ORDER", "order"),
                    text("FAILURE-POLICY", "failurePolicyType"), text("HOOK", "inspectionHookId"), lastJob());
            case JOBS -> List.of(text("ID", "id"), text("NAME", "name"), text("STATE", "state"),
                    text("STATUS", "status"), new Column("TASKS", n -> n.path("taskCompleted").asText("0") + "/"
                            + n.path("taskCount").asText("0")), text("QUEUED", "queued"),
                    text("FAILURE", "failureReason"));
            case TASKS -> List.of(text("ID", "id"), text("NAME", "name"), text("STATE", "state"),
                    text("STATUS", "status"), text("FAILURE", "failReason"));
            case PLUGINS -> List.of(text("NAME", "name"), text("TYPE", "type"), text("VERSION", "version"),
                    text("STATE", "state"), text("REMOVABLE", "removable"));
            case USERS -> List.of(text("NAME", "name"), text("ROLE", "role"), text("CREATED", "created"));
            case TOKENS -> List.of(text("ID", "id"), text("NAME", "name"), text("USER", "user"), text("ROLE", "role"),
                    text("EXPIRES", "expiresAt"), text("LAST-USED", "lastUsedAt"));
            case DOMAINS -> List.of(text("ID", "id"), text("NAME", "name"), join("POLICIES", "policies", "name"));
        };
    }

    /** @return the cell text of a field; {@code -} when absent or null */
    static String cell(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "-";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static Column text(String header, String field) {
        return new Column(header, n -> cell(n.get(field)));
    }

    /** A list field, comma-joined; of each element's {@code sub} field when given. */
    private static Column join(String header, String field, String sub) {
        return new Column(header, n -> {
            List<String> parts = new ArrayList<>();
            for (JsonNode element : n.path(field)) {
                parts.add(cell(sub == null ? element : element.get(sub)));
            }
            return parts.isEmpty() ? "-" : String.join(",", parts);
        });
    }

    private static Column lastJob() {
        return new Column("LAST-JOB", n -> {
            if (!n.hasNonNull("lastJobId")) {
                return "-";
            }
            String outcome = n.hasNonNull("lastJobStatus") ? n.get("lastJobStatus").asText()
                    : n.path("lastJobState").asText("?");
            return n.get("lastJobId").asText() + " " + outcome;
        });
    }

    private static String cluster(JsonNode vc) {
        if (vc.path("inCluster").asBoolean(false)) {
            return "in-cluster";
        }
        if (vc.hasNonNull("apiServerUrl")) {
            return vc.get("apiServerUrl").asText();
        }
        return vc.hasNonNull("context") ? "kubeconfig:" + vc.get("context").asText() : "kubeconfig";
    }

    /**
     * @return {@code key=value,...} of the shown attributes (a long or multi-line value cut), then
     *     {@code key=(secret)} for each secret set; {@code -} for none
     */
    private static String controllerAttributes(JsonNode vc) {
        List<String> parts = new ArrayList<>();
        vc.path("controllerAttributes").fields().forEachRemaining(e -> parts.add(e.getKey() + "="
                + shortValue(e.getValue().asText())));
        vc.path("controllerSecretsSet").forEach(key -> parts.add(key.asText() + "=(secret)"));
        return parts.isEmpty() ? "-" : String.join(",", parts);
    }

    private static String shortValue(String value) {
        int lines = (int) value.lines().count();
        if (lines > 1) {
            return "(" + lines + " lines)";
        }
        return value.length() > 40 ? value.substring(0, 37) + "..." : value;
    }

    private static String virtualSystems(JsonNode da) {
        List<String> parts = new ArrayList<>();
        for (JsonNode vs : da.path("virtualSystems")) {
            parts.add("vs " + cell(vs.get("id")) + " on vc " + cell(vs.get("vcId")));
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static String ports(JsonNode pod, String field) {
        List<String> parts = new ArrayList<>();
        for (JsonNode port : pod.path("ports")) {
            JsonNode value = port.get(field);
            if (value != null && value.isArray()) {
                value.forEach(v -> parts.add(v.asText()));
            } else {
                parts.add(cell(value));
            }
        }
        return parts.isEmpty() ? "-" : String.join(",", parts);
    }
}
