package org.osc.server.da;

import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;

/**
 * A deployment spec on the wire: how many VNF instances of a virtual system run in which namespace.
 *
 * @param id read-only
 * @param virtualSystemId read-only: the virtual system (from the path)
 * @param name unique within the virtual system
 * @param namespace a Kubernetes namespace name (DNS label); cannot change once created
 * @param count wanted instances, 0 to 1,000 ({@link org.osc.server.domain.Limits#MAX_INSTANCES})
 * @param markedForDeletion read-only: a delete is in progress
 */
public record DeploymentSpecBody(
        @JsonProperty(access = Access.READ_ONLY) Long id,
        @JsonProperty(access = Access.READ_ONLY) Long virtualSystemId,
        String name,
        String namespace,
        Integer count,
        @JsonProperty(access = Access.READ_ONLY) Boolean markedForDeletion,
        @JsonProperty(access = Access.READ_ONLY) Long lastJobId,
        @JsonProperty(access = Access.READ_ONLY) String lastJobState,
        @JsonProperty(access = Access.READ_ONLY) String lastJobStatus,
        @JsonProperty(access = Access.READ_ONLY) Instant nextRetryAt) {
}
