package org.osc.sample.manager;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerSecurityGroupApi;
import org.osc.api.manager.ManagerValidationException;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupMemberElement;
import org.osc.api.manager.element.SecurityGroupSpec;

/** Security groups and their members in the sample manager, with the SPI's idempotency and error rules. */
final class SampleSecurityGroupApi implements ManagerSecurityGroupApi {

    private final SampleRepository repository;

    SampleSecurityGroupApi(SampleRepository repository) {
        this.repository = repository;
    }

    @Override
    public SecurityGroupElement createSecurityGroup(SecurityGroupSpec spec) throws ManagerException {
        return repository.write("createSecurityGroup", inventory -> {
            validate(spec);
            Optional<SecurityGroupElement> existing = inventory.groupOfOscId(spec.oscSecurityGroupId());
            if (existing.isPresent()) {
                return existing.get();
            }
            SecurityGroupElement group = new SecurityGroupElement(inventory.newId("group"), spec.name(),
                    spec.oscSecurityGroupId(), spec.members());
            inventory.groups.put(group.id(), group);
            return group;
        });
    }

    @Override
    public SecurityGroupElement updateSecurityGroup(String securityGroupId, SecurityGroupSpec spec)
            throws ManagerException {
        return repository.write("updateSecurityGroup", inventory -> {
            SecurityGroupElement current = inventory.group(securityGroupId);
            validate(spec);
            if (!current.oscSecurityGroupId().equals(spec.oscSecurityGroupId())) {
                throw new ManagerValidationException("oscSecurityGroupId", "a group's OSC id cannot change");
            }
            SecurityGroupElement group = new SecurityGroupElement(securityGroupId, spec.name(),
                    spec.oscSecurityGroupId(), spec.members());
            inventory.groups.put(securityGroupId, group);
            return group;
        });
    }

    private static void validate(SecurityGroupSpec spec) throws ManagerValidationException {
        Checks.notBlank("name", spec.name());
        Checks.notBlank("oscSecurityGroupId", spec.oscSecurityGroupId());
        Set<String> seen = new HashSet<>();
        for (SecurityGroupMemberElement member : spec.members()) {
            Checks.notBlank("members.name", member.name());
            Checks.notBlank("members.namespace", member.namespace());
            Checks.ipAddresses("members.ipAddresses", member.ipAddresses());
            Checks.macAddresses("members.macAddresses", member.macAddresses());
            if (!seen.add(member.namespace() + "/" + member.name())) {
                throw new ManagerValidationException("members",
                        member.namespace() + "/" + member.name() + " is listed twice");
            }
        }
    }

    @Override
    public void deleteSecurityGroup(String securityGroupId) throws ManagerException {
        repository.write("deleteSecurityGroup", inventory -> inventory.removeGroup(securityGroupId));
    }

    @Override
    public Optional<SecurityGroupElement> getSecurityGroup(String securityGroupId) throws ManagerException {
        return repository.read("getSecurityGroup", inventory -> Optional.ofNullable(inventory.groups.get(securityGroupId)));
    }

    @Override
    public List<SecurityGroupElement> listSecurityGroups() throws ManagerException {
        return repository.read("listSecurityGroups", inventory -> List.copyOf(inventory.groups.values()));
    }
}
