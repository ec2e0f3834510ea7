package org.osc.server.mc;

import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;

/**
 * A manager connector on the wire. {@code password} and {@code apiKey} are write-only: accepted in requests,
 * never returned; on PUT, leaving one out keeps the stored value.
 */
public record ManagerConnectorBody(
        @JsonProperty(access = Access.READ_ONLY) Long id,
        String name,
        String managerType,
        String ipAddress,
        String username,
        @JsonProperty(access = Access.WRITE_ONLY) String password,
        @JsonProperty(access = Access.WRITE_ONLY) String apiKey,
        @JsonProperty(access = Access.READ_ONLY) Long lastJobId,
        @JsonProperty(access = Access.READ_ONLY) String lastJobState,
        @JsonProperty(access = Access.READ_ONLY) String lastJobStatus,
        @JsonProperty(access = Access.READ_ONLY) Instant nextRetryAt) {

    /** Never shows the secrets, so that a body can be logged. */
    @Override
    public String toString() {
        return "ManagerConnectorBody[id=" + id + ", name=" + name + ", managerType=" + managerType + ", ipAddress="
                + ipAddress + ", username=" + username + "]";
    }
}
