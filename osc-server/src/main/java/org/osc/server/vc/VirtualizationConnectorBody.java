package org.osc.server.vc;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;

/**
 * A virtualization connector on the wire. {@code kubeconfig} and {@code token} are write-only: accepted in
 * requests, never returned; on PUT, leaving one out keeps the stored value. {@code controllerAttributes} are the
 * settings handed to the SDN plugin; the secret ones among them are write-only too, and answered by name only in
 * {@code controllerSecretsSet} (see {@link ControllerAttributes} for the rules).
 */
public record VirtualizationConnectorBody(
        @JsonProperty(access = Access.READ_ONLY) Long id,
        String name,
        String type,
        String controllerType,
        @JsonProperty(access = Access.WRITE_ONLY) String kubeconfig,
        String context,
        String apiServerUrl,
        @JsonProperty(access = Access.WRITE_ONLY) String token,
        String caCertificate,
        Boolean inCluster,
        Map<String, String> controllerAttributes,
        @JsonProperty(access = Access.READ_ONLY) List<String> controllerSecretsSet,
        @JsonProperty(access = Access.READ_ONLY) Long lastJobId,
        @JsonProperty(access = Access.READ_ONLY) String lastJobState,
        @JsonProperty(access = Access.READ_ONLY) String lastJobStatus,
        @JsonProperty(access = Access.READ_ONLY) Instant nextRetryAt) {

    /** A connector without controller attributes (callers written before them). */
    public VirtualizationConnectorBody(Long id, String name, String type, String controllerType, String kubeconfig,
            String context, String apiServerUrl, String token, String caCertificate, Boolean inCluster,
            Long lastJobId, String lastJobState, String lastJobStatus, Instant nextRetryAt) {
        this(id, name, type, controllerType, kubeconfig, context, apiServerUrl, token, caCertificate, inCluster, null,
                null, lastJobId, lastJobState, lastJobStatus, nextRetryAt);
    }

    /** @return this request with other controller attributes */
    public VirtualizationConnectorBody withControllerAttributes(Map<String, String> attributes) {
        return new VirtualizationConnectorBody(id, name, type, controllerType, kubeconfig, context, apiServerUrl,
                token, caCertificate, inCluster, attributes, controllerSecretsSet, lastJobId, lastJobState,
                lastJobStatus, nextRetryAt);
    }

    /** Without secrets: no kubeconfig, no token, and only the names of the controller attributes. */
    @Override
    public String toString() {
        return "VirtualizationConnectorBody[id=" + id + ", name=" + name + ", controllerType=" + controllerType
                + ", apiServerUrl=" + apiServerUrl + ", inCluster=" + inCluster + ", controllerAttributes="
                + (controllerAttributes == null ? null : controllerAttributes.keySet()) + "]";
    }
}
