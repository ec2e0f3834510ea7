package org.osc.sample.manager;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.osc.api.manager.ManagerDeviceStatusApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.element.DeviceMemberElement;
import org.osc.api.manager.element.DeviceMemberStatusElement;
import org.osc.api.manager.element.SecurityGroupInterfaceElement;

/**
 * Member status derived from what the sample holds, since it has no VNF to ask: a registered member counts
 * as discovered; it is inspection ready once it has an address and its device has at least one policy
 * mapping (something to enforce). Counters say how many mappings and protected pods the member serves.
 */
final class SampleDeviceStatusApi implements ManagerDeviceStatusApi {

    private final SampleRepository repository;

    SampleDeviceStatusApi(SampleRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<DeviceMemberStatusElement> getDeviceMemberStatus(String deviceId) throws ManagerException {
        return repository.read("getDeviceMemberStatus", inventory -> {
            inventory.device(deviceId);
            List<SecurityGroupInterfaceElement> mappings = inventory.mappingsOfDevice(deviceId);
            Set<String> groupIds = mappings.stream().map(SecurityGroupInterfaceElement::securityGroupId)
                    .collect(Collectors.toSet());
            long protectedPods = inventory.groups.values().stream().filter(g -> groupIds.contains(g.id()))
                    .mapToLong(g -> g.members().size()).sum();
            return inventory.membersOf(deviceId).stream()
                    .map(member -> status(member, mappings.size(), protectedPods))
                    .toList();
        });
    }

    private static DeviceMemberStatusElement status(DeviceMemberElement member, long mappings, long protectedPods) {
        boolean ready = !member.ipAddresses().isEmpty() && mappings > 0;
        return new DeviceMemberStatusElement(member.id(), member.name(), true, ready,
                Map.of("policyMappings", mappings, "protectedPods", protectedPods));
    }
}
