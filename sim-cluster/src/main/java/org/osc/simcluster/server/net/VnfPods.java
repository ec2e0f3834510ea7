package org.osc.simcluster.server.net;

import java.util.Map;

/**
 * Recognises the pods of the VNF Deployments OSC creates for a deployment spec, by the labels OSC's Kubernetes
 * connector puts on them ({@code org.osc.k8s.deploy.VnfLabels}: {@code app.kubernetes.io/managed-by=osc} and
 * {@code osc.io/deployment-spec=<id>}). sim-cluster does not depend on the connector, so the names are repeated
 * here; the connector's {@code VnfLabels} is their source.
 */
public final class VnfPods {

    /** Kubernetes' recommended label saying who manages the object. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** Its value on everything OSC renders. */
    public static final String OSC = "osc";
    /** The deployment spec a VNF pod belongs to. */
    public static final String DEPLOYMENT_SPEC = "osc.io/deployment-spec";

    private VnfPods() {
    }

    /**
     * @param labels a pod's labels, possibly null
     * @return true if the pod is one of OSC's VNF pods: managed by OSC and naming a deployment spec
     */
    public static boolean isVnf(Map<String, String> labels) {
        if (labels == null || !OSC.equals(labels.get(MANAGED_BY))) {
            return false;
        }
        String spec = labels.get(DEPLOYMENT_SPEC);
        return spec != null && !spec.isBlank();
    }
}
