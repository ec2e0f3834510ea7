/**
 * The leader election's lock on a Kubernetes {@code coordination.k8s.io/v1} Lease: {@link
 * org.osc.k8s.lease.KubernetesLeaseLockFactory} registers the {@link org.osc.server.leader.LeaseLockFactory} of
 * kind {@code kubernetes}. Nothing here is exported.
 */
package org.osc.k8s.lease;
