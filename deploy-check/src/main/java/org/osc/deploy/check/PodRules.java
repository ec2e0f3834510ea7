package org.osc.deploy.check;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The hardening of one pod template, the same as OSC gives its VNF pods (k8s-connector's {@code VnfRenderer})
 * except that no capability may be added: runs as non-root, seccomp {@code RuntimeDefault}, a read-only root
 * filesystem, no privilege escalation, every capability dropped, requests and limits for CPU and memory, a
 * pinned image, readiness and liveness probes on every (non-init) container, no host namespaces or host paths,
 * and the service-account token mounted only by a pod whose account is granted something.
 */
final class PodRules {

    private static final Set<String> SECCOMP_CONFINED = Set.of("RuntimeDefault", "Localhost");

    private PodRules() {
    }

    /**
     * @param workload the workload to check
     * @param boundAccounts service accounts ({@code namespace/name}) some RoleBinding or ClusterRoleBinding names
     * @param report receives one sentence per violation
     */
    static void check(Workload workload, Set<String> boundAccounts, Consumer<String> report) {
        String what = workload.describe();
        JsonNode pod = workload.podSpec();
        JsonNode security = pod.path("securityContext");
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(host).asBoolean(false)) {
                report.accept(what + ": " + host + " is true");
            }
        }
        pod.path("volumes").forEach(volume -> {
            if (volume.has("hostPath")) {
                report.accept(what + ": volume " + volume.path("name").asText() + " is a hostPath");
            }
        });
        token(workload, boundAccounts, report);
        if (pod.path("containers").isEmpty()) {
            report.accept(what + ": no containers");
        }
        for (JsonNode container : pod.path("initContainers")) {
            container(what + " init container " + container.path("name").asText(), container, security, false,
                    report);
        }
        for (JsonNode container : pod.path("containers")) {
            container(what + " container " + container.path("name").asText(), container, security, true, report);
        }
    }

    private static void token(Workload workload, Set<String> boundAccounts, Consumer<String> report) {
        String what = workload.describe();
        JsonNode automount = workload.podSpec().path("automountServiceAccountToken");
        if (!automount.isBoolean()) {
            report.accept(what + ": automountServiceAccountToken is not set (false, or true where the pod calls the"
                    + " API server)");
            return;
        }
        if (!automount.booleanValue()) {
            return;
        }
        String account = workload.podSpec().path("serviceAccountName").asText("");
        if (account.isEmpty() || account.equals("default")) {
            report.accept(what + ": mounts the token of the namespace's default service account");
        } else if (!boundAccounts.contains(workload.namespace() + "/" + account)) {
            report.accept(what + ": mounts the token of service account " + account
                    + ", which no RoleBinding or ClusterRoleBinding grants anything: it does not need it");
        }
    }

    private static void container(String what, JsonNode container, JsonNode podSecurity, boolean main,
            Consumer<String> report) {
        JsonNode security = container.path("securityContext");
        boolean nonRoot = security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean(false));
        if (!nonRoot) {
            report.accept(what + ": runAsNonRoot is not true");
        }
        if (security.path("runAsUser").asInt(podSecurity.path("runAsUser").asInt(-1)) == 0) {
            report.accept(what + ": runs as user 0");
        }
        String seccomp = security.path("seccompProfile").path("type")
                .asText(podSecurity.path("seccompProfile").path("type").asText(""));
        if (!SECCOMP_CONFINED.contains(seccomp)) {
            report.accept(what + ": seccompProfile is not RuntimeDefault (or Localhost)");
        }
        if (!security.path("allowPrivilegeEscalation").isBoolean()
                || security.path("allowPrivilegeEscalation").booleanValue()) {
            report.accept(what + ": allowPrivilegeEscalation is not false");
        }
        if (security.path("privileged").asBoolean(false)) {
            report.accept(what + ": privileged");
        }
        if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
            report.accept(what + ": readOnlyRootFilesystem is not true");
        }
        capabilities(what, security.path("capabilities"), report);
        resources(what, container.path("resources"), report);
        image(what, container.path("image").asText(""), report);
        if (main) {
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                if (!container.path(probe).isObject()) {
                    report.accept(what + ": no " + probe);
                }
            }
        }
    }

    private static void capabilities(String what, JsonNode capabilities, Consumer<String> report) {
        boolean dropsAll = false;
        for (JsonNode drop : capabilities.path("drop")) {
            dropsAll |= drop.asText().equalsIgnoreCase("ALL");
        }
        if (!dropsAll) {
            report.accept(what + ": capabilities do not drop ALL");
        }
        if (!capabilities.path("add").isEmpty()) {
            report.accept(what + ": adds capabilities " + capabilities.path("add"));
        }
    }

    private static void resources(String what, JsonNode resources, Consumer<String> report) {
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                JsonNode value = resources.path(kind).path(resource);
                if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
                    report.accept(what + ": no " + resource + " in resources." + kind);
                }
            }
        }
    }

    /** An image must name a tag other than {@code latest}, or a digest, so that what runs is what was tested. */
    static void image(String what, String image, Consumer<String> report) {
        if (image.isBlank()) {
            report.accept(what + ": no image");
            return;
        }
        if (image.contains("@sha256:")) {
            return;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        if (colon < 0) {
            report.accept(what + ": image " + image + " has no tag (it means latest)");
        } else if (last.substring(colon + 1).equals("latest")) {
            report.accept(what + ": image " + image + " is tagged latest");
        }
    }
}
