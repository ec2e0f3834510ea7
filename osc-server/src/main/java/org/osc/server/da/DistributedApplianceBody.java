package org.osc.server.da;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;

/**
 * A distributed appliance on the wire: an appliance software version deployed through a manager connector
 * on one or more virtualization connectors (one virtual system each).
 *
 * @param id read-only
 * @param name unique
 * @param managerConnectorId the manager connector; cannot change once created
 * @param applianceSoftwareVersionId the catalog version deployed; its appliance's manager type must be the
 *     connector's
 * @param virtualSystems one per virtualization connector
 * @param markedForDeletion read-only: a delete is in progress
 */
public record DistributedApplianceBody(
        @JsonProperty(access = Access.READ_ONLY) Long id,
        String name,
        Long managerConnectorId,
        Long applianceSoftwareVersionId,
        List<VirtualSystemBody> virtualSystems,
        @JsonProperty(access = Access.READ_ONLY) Boolean markedForDeletion,
        @JsonProperty(access = Access.READ_ONLY) Long lastJobId,
        @JsonProperty(access = Access.READ_ONLY) String lastJobState,
        @JsonProperty(access = Access.READ_ONLY) String lastJobStatus,
        @JsonProperty(access = Access.READ_ONLY) Instant nextRetryAt) {

    /**
     * A virtual system: the distributed appliance on one virtualization connector.
     *
     * @param id assigned on create; on PUT, optional (a virtual system is matched by {@code vcId})
     * @param vcId the virtualization connector
     * @param domainId the manager domain (its manager-side id) the device is placed in
     * @param encapsulationType how traffic is tagged towards the VNF, one the connector's SDN plugin supports,
     *     or null
     * @param managerDeviceId read-only: the device's id on the manager, once created
     * @param markedForDeletion read-only: being removed after a PUT left it out
     */
    public record VirtualSystemBody(
            Long id,
            Long vcId,
            String domainId,
            String encapsulationType,
            @JsonProperty(access = Access.READ_ONLY) String managerDeviceId,
            @JsonProperty(access = Access.READ_ONLY) Boolean markedForDeletion) {
    }
}
