package org.osc.deploy.check;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Least privilege in RBAC objects: no wildcard, no Secrets, no verb that hands out rights
 * ({@code escalate}, {@code bind}, {@code impersonate}), no non-resource URLs, no binding to the built-in
 * {@code cluster-admin}, {@code admin} or {@code edit} roles, and no write granted cluster-wide: a
 * ClusterRoleBinding may only bind reads, plus the creation of SelfSubjectAccessReviews (which asks, and stores
 * nothing); writes are bound per namespace by RoleBindings.
 */
final class RbacRules {

    private static final Set<String> HANDING_OUT = Set.of("escalate", "bind", "impersonate");
    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");
    private static final Set<String> BUILT_IN = Set.of("cluster-admin", "admin", "edit");
    private static final Set<String> ASKING_ONLY = Set.of("selfsubjectaccessreviews", "selfsubjectrulesreviews");

    private RbacRules() {
    }

    /** @return {@code namespace/name} of every service account a RoleBinding or ClusterRoleBinding names */
    static Set<String> boundAccounts(List<ObjectNode> objects) {
        Set<String> accounts = new HashSet<>();
        for (ObjectNode object : objects) {
            if (isBinding(object)) {
                for (JsonNode subject : object.path("subjects")) {
                    if (subject.path("kind").asText().equals("ServiceAccount")) {
                        String namespace = subject.path("namespace")
                                .asText(object.path("metadata").path("namespace").asText(""));
                        accounts.add(namespace + "/" + subject.path("name").asText());
                    }
                }
            }
        }
        return accounts;
    }

    static void check(List<ObjectNode> objects, Consumer<String> report) {
        Map<String, ObjectNode> clusterRoles = new HashMap<>();
        for (ObjectNode object : objects) {
            String kind = object.path("kind").asText();
            if (kind.equals("Role") || kind.equals("ClusterRole")) {
                rules(Manifests.describe(object), object.path("rules"), report);
                if (kind.equals("ClusterRole")) {
                    clusterRoles.put(object.path("metadata").path("name").asText(), object);
                }
            }
            JsonNode automount = object.path("automountServiceAccountToken");
            if (kind.equals("ServiceAccount") && (!automount.isBoolean() || automount.booleanValue())) {
                report.accept(Manifests.describe(object) + ": automountServiceAccountToken is not false (pods that"
                        + " need the token say so themselves)");
            }
        }
        for (ObjectNode object : objects) {
            if (!isBinding(object)) {
                continue;
            }
            String role = object.path("roleRef").path("name").asText();
            if (BUILT_IN.contains(role)) {
                report.accept(Manifests.describe(object) + ": binds the built-in role " + role);
            }
            ObjectNode clusterRole = clusterRoles.get(role);
            if (object.path("kind").asText().equals("ClusterRoleBinding") && clusterRole != null) {
                clusterWideWrites(Manifests.describe(object), clusterRole, report);
            }
        }
    }

    private static boolean isBinding(JsonNode object) {
        String kind = object.path("kind").asText();
        return kind.equals("RoleBinding") || kind.equals("ClusterRoleBinding");
    }

    private static void rules(String what, JsonNode rules, Consumer<String> report) {
        int index = 0;
        for (JsonNode rule : rules) {
            String where = what + " rule " + index++;
            for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames")) {
                for (JsonNode value : rule.path(field)) {
                    if (value.asText().contains("*")) {
                        report.accept(where + ": wildcard in " + field);
                    }
                }
            }
            if (!rule.path("nonResourceURLs").isEmpty()) {
                report.accept(where + ": grants non-resource URLs");
            }
            for (JsonNode resource : rule.path("resources")) {
                if (resource.asText().equals("secrets") || resource.asText().startsWith("secrets/")) {
                    report.accept(where + ": grants access to Secrets");
                }
            }
            for (JsonNode verb : rule.path("verbs")) {
                if (HANDING_OUT.contains(verb.asText())) {
                    report.accept(where + ": grants " + verb.asText());
                }
            }
        }
    }

    private static void clusterWideWrites(String binding, ObjectNode clusterRole, Consumer<String> report) {
        for (JsonNode rule : clusterRole.path("rules")) {
            boolean writes = false;
            for (JsonNode verb : rule.path("verbs")) {
                writes |= WRITES.contains(verb.asText());
            }
            if (!writes) {
                continue;
            }
            for (JsonNode resource : rule.path("resources")) {
                if (!ASKING_ONLY.contains(resource.asText())) {
                    report.accept(binding + ": grants writes to " + resource.asText()
                            + " in every namespace (bind them per namespace with a RoleBinding)");
                }
            }
        }
    }
}
