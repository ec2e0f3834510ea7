package org.osc.server.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;

/**
 * A software version of an appliance on the wire: for Kubernetes, the VNF image and its resources.
 *
 * @param id read-only
 * @param applianceId read-only: the appliance it belongs to
 * @param swVersion the version, unique per appliance and virtualization type
 * @param virtualizationType {@code KUBERNETES} (the default)
 * @param virtualizationVersion the Kubernetes version it was built for
 * @param imageUrl the container image reference
 * @param imagePullSecretName the pull secret the VNF pods use, or null
 * @param resources requests and limits of the VNF container, or null
 */
public record SoftwareVersionBody(
        @JsonProperty(access = Access.READ_ONLY) Long id,
        @JsonProperty(access = Access.READ_ONLY) Long applianceId,
        String swVersion,
        String virtualizationType,
        String virtualizationVersion,
        String imageUrl,
        String imagePullSecretName,
        Resources resources) {

    /**
     * Requests and limits of the VNF container, each an optional Kubernetes quantity.
     *
     * @param cpuRequest e.g. {@code 500m}
     * @param memoryRequest e.g. {@code 256Mi}
     * @param cpuLimit at least the request
     * @param memoryLimit at least the request
     */
    public record Resources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {

        /** @return whether no value is set */
        @JsonIgnore
        boolean isEmpty() {
            return cpuRequest == null && memoryRequest == null && cpuLimit == null && memoryLimit == null;
        }
    }
}
