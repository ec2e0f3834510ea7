/**
 * Where deployment specs become running VNFs: the interface a virtualization platform (the Kubernetes
 * connector) implements so that the deployment spec reconciler can deploy, scale and remove VNFs, and learn
 * which VNF instances run. Exported to the connector bundle (internal to OSC, hence 0.x).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.osc.server.da.spi;
