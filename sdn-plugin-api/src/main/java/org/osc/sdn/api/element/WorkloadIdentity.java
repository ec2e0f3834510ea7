package org.osc.sdn.api.element;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How OSC names a workload (a Kubernetes pod) when it asks the controller for the pod's port.
 *
 * @param namespace the pod's namespace; never blank
 * @param name the pod's name; never blank
 * @param uid the pod's uid as reported by the cluster, or the empty string if unknown; never null
 * @param ipAddresses the pod IPs the cluster reports, empty while the pod has none yet
 */
@ProviderType
public record WorkloadIdentity(String namespace, String name, String uid, List<String> ipAddresses) {

    /**
     * Validates the names and copies the list.
     *
     * @param namespace the pod's namespace; never blank
     * @param name the pod's name; never blank
     * @param uid the pod's uid as reported by the cluster, or the empty string if unknown; never null
     * @param ipAddresses the pod IPs the cluster reports, empty while the pod has none yet
     */
    public WorkloadIdentity {
        Values.requireId(namespace, "namespace");
        Values.requireId(name, "name");
        Objects.requireNonNull(uid, "uid (use \"\" when unknown)");
        ipAddresses = Values.copyAddresses(ipAddresses, "ipAddresses");
    }

    /**
     * The key {@code namespace/name}, unique in a cluster at any one time.
     *
     * @return the qualified pod name
     */
    public String qualifiedName() {
        return namespace + "/" + name;
    }
}
