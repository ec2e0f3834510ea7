package org.osc.server.leader;

/**
 * Where a lease lock lives.
 *
 * @param name the lease's name (the Kubernetes Lease's name, the database row's key)
 * @param namespace the Kubernetes namespace of the Lease; empty: the namespace of the pod OSC runs in
 * @param kubeconfig a kubeconfig file for the Kubernetes lock; empty: the pod's service account (in-cluster)
 */
public record LeaseSettings(String name, String namespace, String kubeconfig) {
}
