package org.osc.platform.api;

/**
 * The VNF a distributed appliance deploys, from its appliance software version. Resource values are
 * Kubernetes quantities, null when not set.
 *
 * @param model the appliance model
 * @param swVersion the software version
 * @param imageUrl the container image reference
 * @param imagePullSecretName the pull secret, or null
 * @param cpuRequest CPU request, or null
 * @param memoryRequest memory request, or null
 * @param cpuLimit CPU limit, or null
 * @param memoryLimit memory limit, or null
 */
public record VnfImage(String model, String swVersion, String imageUrl, String imagePullSecretName,
        String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
}
