/**
 * Virtualization platforms: the interface the Kubernetes connector implements so that security groups learn
 * their member pods, and the event interfaces the server implements so that the connector can report changes
 * in the cluster as they happen ({@link org.osc.server.platform.WorkloadEvents},
 * {@link org.osc.server.platform.DeploymentEvents}). Exported to the connector bundle (internal to OSC, hence
 * 0.x).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.osc.server.platform;
