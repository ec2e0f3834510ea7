package org.osc.sample.manager;

import java.util.List;
import java.util.Optional;

import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerSecurityGroupInterfaceApi;
import org.osc.api.manager.ManagerValidationException;
import org.osc.api.manager.element.DeviceElement;
import org.osc.api.manager.element.PolicyElement;
import org.osc.api.manager.element.SecurityGroupInterfaceElement;
import org.osc.api.manager.element.SecurityGroupInterfaceSpec;

/**
 * Policy mappings of the sample manager. Every reference in a mapping is checked, including that each policy
 * belongs to the device's domain, because that is the mistake a real manager would reject too.
 */
final class SampleSecurityGroupInterfaceApi implements ManagerSecurityGroupInterfaceApi {

    private final SampleRepository repository;

    SampleSecurityGroupInterfaceApi(SampleRepository repository) {
        this.repository = repository;
    }

    @Override
    public SecurityGroupInterfaceElement createSecurityGroupInterface(SecurityGroupInterfaceSpec spec)
            throws ManagerException {
        return repository.write("createSecurityGroupInterface", inventory -> {
            validate(inventory, spec);
            Optional<SecurityGroupInterfaceElement> existing = inventory.mappingOfBinding(spec.oscBindingId());
            if (existing.isPresent()) {
                return existing.get();
            }
            SecurityGroupInterfaceElement mapping = element(inventory.newId("mapping"), spec);
            inventory.interfaces.put(mapping.id(), mapping);
            return mapping;
        });
    }

    @Override
    public SecurityGroupInterfaceElement updateSecurityGroupInterface(String interfaceId,
            SecurityGroupInterfaceSpec spec) throws ManagerException {
        return repository.write("updateSecurityGroupInterface", inventory -> {
            SecurityGroupInterfaceElement current = inventory.mapping(interfaceId);
            validate(inventory, spec);
            if (!current.oscBindingId().equals(spec.oscBindingId())) {
                throw new ManagerValidationException("oscBindingId", "a mapping's OSC binding id cannot change");
            }
            SecurityGroupInterfaceElement mapping = element(interfaceId, spec);
            inventory.interfaces.put(interfaceId, mapping);
            return mapping;
        });
    }

    private static SecurityGroupInterfaceElement element(String id, SecurityGroupInterfaceSpec spec) {
        return new SecurityGroupInterfaceElement(id, spec.name(), spec.oscBindingId(), spec.securityGroupId(),
                spec.deviceId(), spec.policyIds(), spec.tag(), spec.order());
    }

    private static void validate(Inventory inventory, SecurityGroupInterfaceSpec spec)
            throws ManagerValidationException {
        Checks.notBlank("name", spec.name());
        Checks.notBlank("oscBindingId", spec.oscBindingId());
        Checks.notNegative("order", spec.order());
        Inventory.requireReference(inventory.groups, "securityGroupId", spec.securityGroupId());
        Inventory.requireReference(inventory.devices, "deviceId", spec.deviceId());
        if (spec.policyIds().isEmpty()) {
            throw new ManagerValidationException("policyIds", "at least one policy is needed");
        }
        DeviceElement device = inventory.devices.get(spec.deviceId());
        for (String policyId : spec.policyIds()) {
            Inventory.requireReference(inventory.policies, "policyIds", policyId);
            PolicyElement policy = inventory.policies.get(policyId);
            if (!policy.domainId().equals(device.domainId())) {
                throw new ManagerValidationException("policyIds",
                        "policy " + policyId + " is not in domain " + device.domainId() + " of the device");
            }
        }
    }

    @Override
    public void deleteSecurityGroupInterface(String interfaceId) throws ManagerException {
        repository.write("deleteSecurityGroupInterface", inventory -> inventory.interfaces.remove(interfaceId));
    }

    @Override
    public Optional<SecurityGroupInterfaceElement> getSecurityGroupInterface(String interfaceId)
            throws ManagerException {
        return repository.read("getSecurityGroupInterface",
                inventory -> Optional.ofNullable(inventory.interfaces.get(interfaceId)));
    }

    @Override
    public List<SecurityGroupInterfaceElement> listSecurityGroupInterfaces() throws ManagerException {
        return repository.read("listSecurityGroupInterfaces", inventory -> List.copyOf(inventory.interfaces.values()));
    }
}
