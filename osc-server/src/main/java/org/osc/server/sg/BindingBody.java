package org.osc.server.sg;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;

/**
 * A binding (security group interface) on the wire: the group is inspected by a virtual system's VNFs with
 * the given manager policies, in {@code order} among the group's hooks, with a failure policy
 * ({@code FAIL_OPEN}, {@code FAIL_CLOSE}, or {@code NA}, the default). The ids the plugins gave it are
 * read-only.
 */
public record BindingBody(
        @JsonProperty(access = Access.READ_ONLY) Long id,
        Long virtualSystemId,
        String name,
        List<String> policyIds,
        Integer order,
        String failurePolicyType,
        @JsonProperty(access = Access.READ_ONLY) String managerInterfaceId,
        @JsonProperty(access = Access.READ_ONLY) String inspectionHookId,
        @JsonProperty(access = Access.READ_ONLY) Boolean markedForDeletion,
        @JsonProperty(access = Access.READ_ONLY) Long lastJobId,
        @JsonProperty(access = Access.READ_ONLY) String lastJobState,
        @JsonProperty(access = Access.READ_ONLY) String lastJobStatus,
        @JsonProperty(access = Access.READ_ONLY) Instant nextRetryAt) {

    /** A body with just the writable fields, as a client sends it. */
    public static BindingBody of(Long virtualSystemId, String name, List<String> policyIds, Integer order,
            String failurePolicyType) {
        return new BindingBody(null, virtualSystemId, name, policyIds, order, failurePolicyType, null, null, null,
                null, null, null, null);
    }
}
