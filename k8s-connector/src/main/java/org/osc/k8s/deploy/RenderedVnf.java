package org.osc.k8s.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * The objects OSC wants in the cluster for one deployment spec.
 *
 * @param deployment the VNF Deployment
 * @param networkPolicy the policy confining the VNF pods
 */
public record RenderedVnf(Deployment deployment, NetworkPolicy networkPolicy) {

    /** @return the namespace both objects live in */
    public String namespace() {
        return deployment.getMetadata().getNamespace();
    }

    /** @return the name both objects share */
    public String name() {
        return deployment.getMetadata().getName();
    }
}
