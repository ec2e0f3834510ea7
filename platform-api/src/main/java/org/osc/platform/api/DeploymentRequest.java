package org.osc.platform.api;

/**
 * The desired state of one deployment spec, as a platform needs it: where, how many, which image. Holds
 * the connector's secrets (in {@code connector}), whose {@code toString} hides them.
 *
 * @param specId the deployment spec's id (stable: use it to name and find the workload)
 * @param specName its name
 * @param namespace the namespace the VNFs run in
 * @param count how many VNF instances are wanted (0 keeps the workload, scaled down)
 * @param virtualSystemId the virtual system the spec belongs to
 * @param distributedApplianceName the name of the virtual system's distributed appliance
 * @param encapsulationType the virtual system's traffic encapsulation, or null
 * @param image the VNF image and resources, from the appliance software version
 * @param connector how to reach the virtualization connector's cluster
 */
public record DeploymentRequest(long specId, String specName, String namespace, int count, long virtualSystemId,
        String distributedApplianceName, String encapsulationType, VnfImage image, ConnectorInfo connector) {
}
