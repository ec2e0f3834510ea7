/**
 * The virtualization-platform SPI: what a platform bundle (the Kubernetes connector for {@code KUBERNETES})
 * implements so that OSC can learn the workloads of a virtualization connector's cluster and run VNFs there.
 * <p>
 * A platform bundle registers, per connector type it serves, a
 * {@link org.osc.platform.api.VirtualizationPlatform} service (security group members: the pods matching
 * {@link org.osc.platform.api.LabelSelector}s, as {@link org.osc.platform.api.Workload}s, and, optionally, a
 * watch of the cluster) and a {@link org.osc.platform.api.DeploymentTarget} service (deploys, scales and
 * removes the VNFs of a deployment spec, described by a {@link org.osc.platform.api.DeploymentRequest}, and
 * reports the {@link org.osc.platform.api.DeployedInstance}s running). When several services serve the same
 * type, OSC uses the one with the highest service ranking. Calls name the connector's cluster by a
 * {@link org.osc.platform.api.ConnectorInfo}, which holds its credentials.
 * <p>
 * The other way, OSC registers {@link org.osc.platform.api.WorkloadEvents} and
 * {@link org.osc.platform.api.DeploymentEvents} services through which a platform that watches its clusters
 * reports changes as they happen; the reports only say what to look at again, and a platform must work
 * without them.
 * <p>
 * Failures are a {@link org.osc.platform.api.PlatformException} with a message shown to users, or its subclass
 * {@link org.osc.platform.api.AccessDeniedException} when the cluster refused the credentials. The interfaces
 * platforms implement are {@code @ConsumerType}: methods added in a minor version come with defaults.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.osc.platform.api;
