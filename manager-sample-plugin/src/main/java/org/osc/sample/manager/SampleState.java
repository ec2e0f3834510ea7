package org.osc.sample.manager;

import java.util.List;

import org.osc.api.manager.element.DeviceElement;
import org.osc.api.manager.element.DeviceMemberElement;
import org.osc.api.manager.element.DomainElement;
import org.osc.api.manager.element.PolicyElement;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupInterfaceElement;

/**
 * Everything the sample manager holds, as one immutable value: what is written to the state file and what a
 * read sees. The SPI's element records are reused as the stored form because they already are immutable,
 * validated values; a format version guards against reading a file written by an incompatible sample.
 *
 * @param formatVersion version of this layout, {@link #FORMAT_VERSION}
 * @param nextId last number handed out for a new id (ids are never reused, even after a delete)
 * @param domains the domains
 * @param policies the policies of all domains
 * @param devices the devices
 * @param deviceMembers the members of all devices
 * @param securityGroups the security groups with their members
 * @param securityGroupInterfaces the policy mappings
 */
public record SampleState(int formatVersion, long nextId, List<DomainElement> domains, List<PolicyElement> policies,
        List<DeviceElement> devices, List<DeviceMemberElement> deviceMembers, List<SecurityGroupElement> securityGroups,
        List<SecurityGroupInterfaceElement> securityGroupInterfaces) {

    /** The layout this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** Takes immutable copies so that a state never changes once built. */
    public SampleState {
        domains = copy(domains);
        policies = copy(policies);
        devices = copy(devices);
        deviceMembers = copy(deviceMembers);
        securityGroups = copy(securityGroups);
        securityGroupInterfaces = copy(securityGroupInterfaces);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /**
     * The state of a freshly installed sample manager: a default domain with the three policies the docs and
     * tests use, and a second domain so that a policy from the wrong domain can be tried.
     *
     * @return the initial state
     */
    public static SampleState seed() {
        List<DomainElement> domains = List.of(new DomainElement("domain-1", "Default Domain"),
                new DomainElement("domain-5", "Lab Domain"));
        List<PolicyElement> policies = List.of(new PolicyElement("policy-2", "Allow All", "domain-1"),
                new PolicyElement("policy-3", "Block Malware", "domain-1"),
                new PolicyElement("policy-4", "Inspect Web", "domain-1"),
                new PolicyElement("policy-6", "Audit Only", "domain-5"));
        return new SampleState(FORMAT_VERSION, 6, domains, policies, null, null, null, null);
    }
}
