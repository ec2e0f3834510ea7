package org.osc.sample.manager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.osc.api.manager.ManagerObjectNotFoundException;
import org.osc.api.manager.ManagerValidationException;
import org.osc.api.manager.element.DeviceElement;
import org.osc.api.manager.element.DeviceMemberElement;
import org.osc.api.manager.element.DomainElement;
import org.osc.api.manager.element.PolicyElement;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupInterfaceElement;

/**
 * A mutable working copy of a {@link SampleState}, indexed by id. Every operation runs on a fresh copy, which
 * the repository keeps only if the operation succeeds; so a call that fails half-way changes nothing.
 */
final class Inventory {

    private long nextId;
    final Map<String, DomainElement> domains;
    final Map<String, PolicyElement> policies;
    final Map<String, DeviceElement> devices;
    final Map<String, DeviceMemberElement> members;
    final Map<String, SecurityGroupElement> groups;
    final Map<String, SecurityGroupInterfaceElement> interfaces;

    private Inventory(SampleState state) {
        nextId = state.nextId();
        domains = index(state.domains(), DomainElement::id);
        policies = index(state.policies(), PolicyElement::id);
        devices = index(state.devices(), DeviceElement::id);
        members = index(state.deviceMembers(), DeviceMemberElement::id);
        groups = index(state.securityGroups(), SecurityGroupElement::id);
        interfaces = index(state.securityGroupInterfaces(), SecurityGroupInterfaceElement::id);
    }

    static Inventory of(SampleState state) {
        return new Inventory(state);
    }

    private static <T> Map<String, T> index(List<T> values, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        values.forEach(value -> map.put(id.apply(value), value));
        return map;
    }

    SampleState toState() {
        return new SampleState(SampleState.FORMAT_VERSION, nextId, List.copyOf(domains.values()),
                List.copyOf(policies.values()), List.copyOf(devices.values()), List.copyOf(members.values()),
                List.copyOf(groups.values()), List.copyOf(interfaces.values()));
    }

    /** Ids carry their kind so that a log line or REST view says what an id points at. */
    String newId(String kind) {
        return kind + "-" + (++nextId);
    }

    DomainElement domain(String id) throws ManagerObjectNotFoundException {
        return require(domains, "domain", id);
    }

    DeviceElement device(String id) throws ManagerObjectNotFoundException {
        return require(devices, "device", id);
    }

    SecurityGroupElement group(String id) throws ManagerObjectNotFoundException {
        return require(groups, "securityGroup", id);
    }

    SecurityGroupInterfaceElement mapping(String id) throws ManagerObjectNotFoundException {
        return require(interfaces, "securityGroupInterface", id);
    }

    DeviceMemberElement member(String deviceId, String memberId) throws ManagerObjectNotFoundException {
        DeviceMemberElement member = members.get(memberId);
        if (member == null || !member.deviceId().equals(deviceId)) {
            throw new ManagerObjectNotFoundException("deviceMember", memberId);
        }
        return member;
    }

    /** A reference inside a request must exist, but its absence is bad input rather than a missing target. */
    static void requireReference(Map<String, ?> map, String field, String id) throws ManagerValidationException {
        if (!map.containsKey(id)) {
            throw new ManagerValidationException(field, "unknown id '" + id + "'");
        }
    }

    private static <T> T require(Map<String, T> map, String type, String id) throws ManagerObjectNotFoundException {
        T value = map.get(id);
        if (value == null) {
            throw new ManagerObjectNotFoundException(type, id);
        }
        return value;
    }

    Optional<DeviceElement> deviceOfVirtualSystem(String virtualSystemId) {
        return devices.values().stream().filter(d -> d.virtualSystemId().equals(virtualSystemId)).findFirst();
    }

    Optional<SecurityGroupElement> groupOfOscId(String oscSecurityGroupId) {
        return groups.values().stream().filter(g -> g.oscSecurityGroupId().equals(oscSecurityGroupId)).findFirst();
    }

    Optional<SecurityGroupInterfaceElement> mappingOfBinding(String oscBindingId) {
        return interfaces.values().stream().filter(i -> i.oscBindingId().equals(oscBindingId)).findFirst();
    }

    List<DeviceMemberElement> membersOf(String deviceId) {
        return members.values().stream().filter(m -> m.deviceId().equals(deviceId)).toList();
    }

    List<PolicyElement> policiesOf(String domainId) {
        return policies.values().stream().filter(p -> p.domainId().equals(domainId)).toList();
    }

    List<SecurityGroupInterfaceElement> mappingsOfDevice(String deviceId) {
        return interfaces.values().stream().filter(i -> i.deviceId().equals(deviceId)).toList();
    }

    /** Cascades like a real manager would: members and mappings cannot outlive their device. */
    boolean removeDevice(String id) {
        if (devices.remove(id) == null) {
            return false;
        }
        members.values().removeIf(m -> m.deviceId().equals(id));
        interfaces.values().removeIf(i -> i.deviceId().equals(id));
        return true;
    }

    /** Cascades: a mapping cannot outlive its security group. */
    boolean removeGroup(String id) {
        if (groups.remove(id) == null) {
            return false;
        }
        interfaces.values().removeIf(i -> i.securityGroupId().equals(id));
        return true;
    }
}
