package org.osc.k8s.lease;

import java.io.IOException;

import org.osc.server.leader.LeaseException;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** A failed Lease request as a {@link LeaseException} whose reason an administrator can act on. */
final class LeaseErrors {

    private LeaseErrors() {
    }

    /**
     * @param e what the client threw
     * @param verb the Lease verb that failed: get, create or update
     * @param namespace the Lease's namespace
     * @param server the API server's URL
     */
    static LeaseException of(KubernetesClientException e, String verb, String namespace, String server) {
        String status = e.getStatus() == null || e.getStatus().getMessage() == null ? ""
                : ": " + e.getStatus().getMessage();
        // no HTTP answer at all (connection refused, timed out): fabric8 says code -1 (0 in older versions)
        int code = e.getCode() <= 0 ? 0 : e.getCode();
        String reason = switch (code) {
            case 401 -> "the API server " + server + " did not accept OSC's credentials (HTTP 401 Unauthorized): "
                    + "the service account token or the kubeconfig's user is wrong or expired";
            case 403 -> "the service account may not " + verb + " leases in namespace " + namespace
                    + " (HTTP 403 Forbidden): grant get, create and update on leases.coordination.k8s.io there "
                    + "(deploy/rbac-leader.yaml does)";
            case 404 -> "the API server " + server + " has no namespace " + namespace
                    + " or no coordination.k8s.io/v1 Leases (HTTP 404 on " + verb + ")";
            case 0 -> "the API server " + server + " cannot be reached to " + verb + " the Lease: "
                    + rootMessage(e);
            default -> "the API server " + server + " answered HTTP " + e.getCode() + " to " + verb
                    + " the Lease in namespace " + namespace + status;
        };
        return new LeaseException(reason, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof IOException || message == null) {
            return root.getClass().getSimpleName() + (message == null ? "" : " " + message);
        }
        return message;
    }
}
