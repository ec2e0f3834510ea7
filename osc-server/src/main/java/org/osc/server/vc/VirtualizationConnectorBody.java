package org.osc.server.vc;

import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;

/**
 * A virtualization connector on the wire. {@code kubeconfig} and {@code token} are write-only: accepted in
 * requests, never returned; on PUT, leaving one out keeps the stored value.
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
        @JsonProperty(access = Access.READ_ONLY) Long lastJobId,
        @JsonProperty(access = Access.READ_ONLY) String lastJobState,
        @JsonProperty(access = Access.READ_ONLY) String lastJobStatus,
        @JsonProperty(access = Access.READ_ONLY) Instant nextRetryAt) {
}
