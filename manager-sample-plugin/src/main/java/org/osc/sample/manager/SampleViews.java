package org.osc.sample.manager;

import java.util.List;
import java.util.Map;

import org.osc.api.manager.element.DeviceMemberElement;
import org.osc.api.manager.element.PolicyElement;

/**
 * Read-only views the sample serves over REST: immutable records, built from a state snapshot, so a REST
 * client never reaches the sample's working objects.
 */
public final class SampleViews {

    private SampleViews() {
    }

    /**
     * A list response, shaped like OSC's own ({@code {"items": [...]}}).
     *
     * @param <T> element type
     * @param items the elements
     */
    public record Items<T>(List<T> items) {
        /** Takes an immutable copy. */
        public Items {
            items = List.copyOf(items);
        }
    }

    /**
     * A domain with its policies.
     *
     * @param id domain id
     * @param name domain name
     * @param policies its policies
     */
    public record DomainView(String id, String name, List<PolicyElement> policies) {
    }

    /**
     * A device with its members.
     *
     * @param id device id
     * @param name device name
     * @param virtualSystemId OSC's virtual-system id
     * @param domainId domain id
     * @param members its members
     */
    public record DeviceView(String id, String name, String virtualSystemId, String domainId,
            List<DeviceMemberElement> members) {
    }

    /**
     * Calls and state changes of one SPI operation since the sample started.
     *
     * @param calls how many times it was called, failures included
     * @param changes how many of those calls changed the stored state
     */
    public record OperationCount(long calls, long changes) {
    }

    /**
     * Object counts and per-operation call counters.
     *
     * @param domains number of domains
     * @param policies number of policies
     * @param devices number of devices
     * @param deviceMembers number of device members
     * @param securityGroups number of security groups
     * @param securityGroupMembers number of members over all security groups
     * @param securityGroupInterfaces number of policy mappings
     * @param operations counters by operation name (SPI method name, or {@code external.*} for REST deletes)
     */
    public record SummaryView(int domains, int policies, int devices, int deviceMembers, int securityGroups,
            int securityGroupMembers, int securityGroupInterfaces, Map<String, OperationCount> operations) {
    }
}
