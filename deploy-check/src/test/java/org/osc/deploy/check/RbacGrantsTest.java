package org.osc.deploy.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the manifests grant OSC's ServiceAccount, expanded binding by binding into {@code verb group/resource where}
 * lines, is exactly what the server calls: the Kubernetes connector's reads over all namespaces (its pod and
 * Deployment informers, LIST fallbacks, the namespace lookup, the access check: k8s-connector's
 * {@code access/Permission}, {@code watch/PodWatch}, {@code deploy/VnfConverger}), its writes in a VNF namespace,
 * and the leader-election Lease. A grant that goes missing or one that is added fails here.
 */
class RbacGrantsTest {

    private static final String ACCOUNT = "osc-system/osc";

    @Test
    void oscsAccountIsGrantedExactlyWhatTheServerCalls() {
        List<String> expected = List.of(
                "create authorization.k8s.io/selfsubjectaccessreviews cluster-wide",
                "create coordination.k8s.io/leases in osc-system",
                "create apps/deployments in osc-vnfs",
                "create networking.k8s.io/networkpolicies in osc-vnfs",
                "delete apps/deployments in osc-vnfs",
                "delete networking.k8s.io/networkpolicies in osc-vnfs",
                "get /namespaces cluster-wide",
                "get apps/deployments in osc-vnfs",
                "get coordination.k8s.io/leases/osc-leader in osc-system",
                "get networking.k8s.io/networkpolicies in osc-vnfs",
                "list /pods cluster-wide",
                "list apps/deployments cluster-wide",
                "patch apps/deployments in osc-vnfs",
                "patch networking.k8s.io/networkpolicies in osc-vnfs",
                "update apps/deployments in osc-vnfs",
                "update coordination.k8s.io/leases/osc-leader in osc-system",
                "update networking.k8s.io/networkpolicies in osc-vnfs",
                "watch /pods cluster-wide",
                "watch apps/deployments cluster-wide");
        assertEquals(new TreeSet<>(expected), grants(Manifests.ofKustomization(DeployDir.path()), ACCOUNT));
    }

    /** Every grant of the account, expanded: one line per verb, resource (and name) and scope. */
    static TreeSet<String> grants(List<ObjectNode> objects, String account) {
        Map<String, ObjectNode> roles = objects.stream()
                .filter(o -> o.path("kind").asText().endsWith("Role"))
                .collect(Collectors.toMap(o -> key(o.path("kind").asText(), o.path("metadata")), o -> o));
        TreeSet<String> grants = new TreeSet<>();
        for (ObjectNode binding : objects) {
            String kind = binding.path("kind").asText();
            if (!kind.endsWith("RoleBinding") || !names(binding, account)) {
                continue;
            }
            String namespace = binding.path("metadata").path("namespace").asText("");
            String where = kind.equals("ClusterRoleBinding") ? "cluster-wide" : "in " + namespace;
            JsonNode ref = binding.path("roleRef");
            String roleKind = ref.path("kind").asText();
            ObjectNode role = roles.get(roleKind + " " + (roleKind.equals("Role") ? namespace + "/" : "")
                    + ref.path("name").asText());
            if (role == null) {
                grants.add("unknown role " + ref);
                continue;
            }
            for (JsonNode rule : role.path("rules")) {
                for (JsonNode group : rule.path("apiGroups")) {
                    for (JsonNode resource : rule.path("resources")) {
                        for (JsonNode verb : rule.path("verbs")) {
                            if (rule.path("resourceNames").isEmpty()) {
                                grants.add(verb.asText() + " " + group.asText() + "/" + resource.asText() + " "
                                        + where);
                            }
                            for (JsonNode name : rule.path("resourceNames")) {
                                grants.add(verb.asText() + " " + group.asText() + "/" + resource.asText() + "/"
                                        + name.asText() + " " + where);
                            }
                        }
                    }
                }
            }
        }
        return grants;
    }

    private static boolean names(JsonNode binding, String account) {
        for (JsonNode subject : binding.path("subjects")) {
            if (subject.path("kind").asText().equals("ServiceAccount")
                    && account.equals(subject.path("namespace").asText() + "/" + subject.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String key(String kind, JsonNode metadata) {
        String namespace = metadata.path("namespace").asText("");
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + metadata.path("name").asText();
    }
}
