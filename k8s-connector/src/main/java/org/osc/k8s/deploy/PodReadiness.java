package org.osc.k8s.deploy;

import io.fabric8.kubernetes.api.model.Pod;

/** Whether a pod can do its work now, as the kubelet reports it. */
public final class PodReadiness {

    private PodReadiness() {
    }

    /**
     * @param pod the pod
     * @return whether its {@code Ready} condition is {@code True}: its containers run and its readiness probes
     *     pass
     */
    public static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
