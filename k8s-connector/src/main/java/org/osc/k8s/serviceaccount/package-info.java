/**
 * OSC's own pod's service account: the token, CA certificate and namespace Kubernetes mounts into the pod, and the
 * API server its variables name. The connector's {@code inCluster} mode uses it, and the k8s-lease bundle, which
 * copies this package into itself (bnd's {@code -conditionalpackage}): it is not exported.
 */
package org.osc.k8s.serviceaccount;
