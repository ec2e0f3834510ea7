package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.RootPathsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents kubectl needs before it will touch a resource type (without them it says it knows no
 * resource type): {@code /api}, {@code /apis}, one APIResourceList per group version, {@code /version} and the
 * root path list. Only the types the simulator is meant for are listed; the mock stores any other type too, but
 * kubectl will not know it.
 */
final class Discovery {

    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> SUB_VERBS = List.of("get", "patch", "update");
    private static final String VERSION_JSON = "{\"major\":\"1\",\"minor\":\"32\","
            + "\"gitVersion\":\"v1.32.0-simcluster\","
            + "\"gitCommit\":\"0000000000000000000000000000000000000000\",\"gitTreeState\":\"clean\","
            + "\"buildDate\":\"2025-01-01T00:00:00Z\",\"goVersion\":\"go1.23\",\"compiler\":\"gc\","
            + "\"platform\":\"linux/amd64\"}";

    /** Path without query → JSON body. */
    private final Map<String, String> documents = new LinkedHashMap<>();

    Discovery() {
        Map<String, List<APIResource>> groups = new LinkedHashMap<>();
        groups.put("v1", List.of(
                resource("pods", "Pod", true, "po"), sub("pods/status", "Pod"),
                resource("services", "Service", true, "svc"),
                resource("endpoints", "Endpoints", true, "ep"),
                resource("configmaps", "ConfigMap", true, "cm"),
                resource("secrets", "Secret", true),
                resource("serviceaccounts", "ServiceAccount", true, "sa"),
                resource("events", "Event", true, "ev"),
                resource("persistentvolumeclaims", "PersistentVolumeClaim", true, "pvc"),
                resource("namespaces", "Namespace", false, "ns"),
                resource("nodes", "Node", false, "no"),
                resource("persistentvolumes", "PersistentVolume", false, "pv")));
        groups.put("apps/v1", List.of(
                resource("deployments", "Deployment", true, "deploy"), sub("deployments/status", "Deployment"),
                resource("replicasets", "ReplicaSet", true, "rs"),
                resource("statefulsets", "StatefulSet", true, "sts"),
                resource("daemonsets", "DaemonSet", true, "ds")));
        groups.put("networking.k8s.io/v1", List.of(
                resource("networkpolicies", "NetworkPolicy", true, "netpol"),
                resource("ingresses", "Ingress", true, "ing"),
                resource("ingressclasses", "IngressClass", false)));
        // OSC's own manifests (deploy/): kubectl apply -k needs every type of them discovered, even with
        // --dry-run=client. Stored like any other object; nothing enforces RBAC, disruption budgets or leases.
        groups.put("rbac.authorization.k8s.io/v1", List.of(
                resource("roles", "Role", true),
                resource("rolebindings", "RoleBinding", true),
                resource("clusterroles", "ClusterRole", false),
                resource("clusterrolebindings", "ClusterRoleBinding", false)));
        groups.put("policy/v1", List.of(resource("poddisruptionbudgets", "PodDisruptionBudget", true, "pdb")));
        groups.put("coordination.k8s.io/v1", List.of(resource("leases", "Lease", true)));
        // Answered by AccessReviews, not stored; listed so that clients that discover before they ask find it.
        groups.put("authorization.k8s.io/v1", List.of(new APIResourceBuilder().withName("selfsubjectaccessreviews")
                .withSingularName("selfsubjectaccessreview").withKind("SelfSubjectAccessReview").withNamespaced(false)
                .withVerbs("create").build()));

        List<APIGroup> apiGroups = new ArrayList<>();
        List<String> rootPaths = new ArrayList<>(List.of("/api", "/api/v1", "/apis", "/version"));
        groups.forEach((groupVersion, resources) -> {
            String path = groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion;
            documents.put(path, Serialization.asJson(new APIResourceListBuilder()
                    .withGroupVersion(groupVersion).withResources(resources).build()));
            if (groupVersion.contains("/")) {
                String group = groupVersion.substring(0, groupVersion.indexOf('/'));
                var gv = new GroupVersionForDiscoveryBuilder()
                        .withGroupVersion(groupVersion).withVersion(groupVersion.substring(group.length() + 1)).build();
                apiGroups.add(new APIGroupBuilder().withName(group).withVersions(gv).withPreferredVersion(gv).build());
                documents.put("/apis/" + group, Serialization.asJson(apiGroups.get(apiGroups.size() - 1)));
                rootPaths.add("/apis/" + group);
                rootPaths.add(path);
            }
        });
        documents.put("/api", Serialization.asJson(new APIVersionsBuilder().withVersions("v1").build()));
        documents.put("/apis", Serialization.asJson(new APIGroupListBuilder().withGroups(apiGroups).build()));
        documents.put("/version", VERSION_JSON);
        documents.put("/", Serialization.asJson(new RootPathsBuilder().withPaths(rootPaths).build()));
    }

    /**
     * @param path request path, with or without a query
     * @return the document for that path, if it is a discovery path
     */
    Optional<String> document(String path) {
        int q = path.indexOf('?');
        String bare = q < 0 ? path : path.substring(0, q);
        if (bare.length() > 1 && bare.endsWith("/")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        return Optional.ofNullable(documents.get(bare));
    }

    private static APIResource resource(String plural, String kind, boolean namespaced, String... shortNames) {
        return new APIResourceBuilder().withName(plural).withSingularName(kind.toLowerCase()).withKind(kind)
                .withNamespaced(namespaced).withVerbs(VERBS).withShortNames(shortNames).build();
    }

    private static APIResource sub(String name, String kind) {
        return new APIResourceBuilder().withName(name).withSingularName("").withKind(kind).withNamespaced(true)
                .withVerbs(SUB_VERBS).build();
    }
}
