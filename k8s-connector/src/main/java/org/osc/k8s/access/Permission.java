package org.osc.k8s.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One permission OSC needs on a cluster, as a SelfSubjectAccessReview asks for it.
 *
 * @param verb e.g. {@code list}
 * @param group the API group, empty for the core group
 * @param resource the resource (plural), e.g. {@code pods}
 * @param namespace the namespace, null for all namespaces
 */
record Permission(String verb, String group, String resource, String namespace) {

    private static final List<String> POD_VERBS = List.of("list", "watch");
    private static final List<String> MANAGE_VERBS = List.of("get", "create", "update", "patch", "delete");

    /**
     * What OSC needs: list and watch pods in all namespaces when none are given, else in each; in each namespace
     * given, get, create, update, patch and delete Deployments and NetworkPolicies (the VNFs).
     *
     * @param namespaces the namespaces VNFs are deployed to, empty for the cluster-wide permissions only
     * @return the permissions, in the order they are reported
     */
    static List<Permission> needed(List<String> namespaces) {
        List<Permission> needed = new ArrayList<>();
        if (namespaces.isEmpty()) {
            POD_VERBS.forEach(verb -> needed.add(new Permission(verb, "", "pods", null)));
        }
        for (String namespace : namespaces) {
            POD_VERBS.forEach(verb -> needed.add(new Permission(verb, "", "pods", namespace)));
            MANAGE_VERBS.forEach(verb -> needed.add(new Permission(verb, "apps", "deployments", namespace)));
            MANAGE_VERBS.forEach(verb -> needed.add(new Permission(verb, "networking.k8s.io", "networkpolicies",
                    namespace)));
        }
        return needed;
    }

    /**
     * Names the missing permissions the way RBAC does, one phrase per resource and namespace: "may not list or
     * watch pods in all namespaces; may not create deployments.apps in namespace shop".
     *
     * @param denied the permissions denied, in the order to report them
     * @return the phrases joined by "; "
     */
    static String describe(List<Permission> denied) {
        Map<String, List<String>> verbs = new LinkedHashMap<>();
        for (Permission p : denied) {
            String where = p.namespace() == null ? "all namespaces" : "namespace " + p.namespace();
            String resource = p.group().isEmpty() ? p.resource() : p.resource() + "." + p.group();
            verbs.computeIfAbsent(resource + " in " + where, k -> new ArrayList<>()).add(p.verb());
        }
        List<String> phrases = new ArrayList<>();
        verbs.forEach((what, list) -> phrases.add("may not " + or(list) + " " + what));
        return String.join("; ", phrases);
    }

    private static String or(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
