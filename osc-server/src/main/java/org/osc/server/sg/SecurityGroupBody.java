package org.osc.server.sg;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;

/**
 * A security group on the wire: {@code name}, {@code protectAll} (every pod, in the namespaces if any) and
 * {@code namespaces} are written; the rest is read-only, including the label members (changed through
 * {@code PUT .../members}) and the ids the plugins gave the group.
 */
public record SecurityGroupBody(
        @JsonProperty(access = Access.READ_ONLY) Long id,
        String name,
        Boolean protectAll,
        List<String> namespaces,
        @JsonProperty(access = Access.READ_ONLY) Long virtualizationConnectorId,
        @JsonProperty(access = Access.READ_ONLY) List<MemberBody> members,
        @JsonProperty(access = Access.READ_ONLY) String portGroupId,
        @JsonProperty(access = Access.READ_ONLY) String managerGroupId,
        @JsonProperty(access = Access.READ_ONLY) Boolean markedForDeletion,
        @JsonProperty(access = Access.READ_ONLY) Long lastJobId,
        @JsonProperty(access = Access.READ_ONLY) String lastJobState,
        @JsonProperty(access = Access.READ_ONLY) String lastJobStatus,
        @JsonProperty(access = Access.READ_ONLY) Instant nextRetryAt) {

    /** A body with just the writable fields, as a client sends it. */
    public static SecurityGroupBody of(String name, Boolean protectAll, List<String> namespaces) {
        return new SecurityGroupBody(null, name, protectAll, namespaces, null, null, null, null, null, null, null,
                null, null);
    }
}
