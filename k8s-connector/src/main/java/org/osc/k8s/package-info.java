/**
 * The Kubernetes virtualization connector: one fabric8 client per connector (shared by the connector's
 * components), the pods that security groups select; {@code org.osc.k8s.watch} follows each cluster and reports
 * its changes to the server, {@code org.osc.k8s.deploy} deploys the VNFs.
 * Nothing here is exported; it registers OSGi services the server uses.
 */
package org.osc.k8s;
