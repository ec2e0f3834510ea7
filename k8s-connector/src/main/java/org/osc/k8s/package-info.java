/**
 * The Kubernetes virtualization connector: one fabric8 client per connector, the pods that security groups
 * select. Nothing here is exported; it registers OSGi services the server uses.
 */
package org.osc.k8s;
