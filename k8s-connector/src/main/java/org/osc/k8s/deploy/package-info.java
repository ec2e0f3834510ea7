/**
 * VNF deployment on Kubernetes: renders a deployment spec into a hardened Deployment and a NetworkPolicy,
 * converges the cluster to them, and reports the VNF pods. Registers the {@code KUBERNETES}
 * {@link org.osc.platform.api.DeploymentTarget}; nothing here is exported.
 */
package org.osc.k8s.deploy;
