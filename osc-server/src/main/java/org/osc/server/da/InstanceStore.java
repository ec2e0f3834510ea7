package org.osc.server.da;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hibernate.Session;
import org.osc.server.da.spi.DeployedInstance;
import org.osc.server.domain.DeploymentSpec;
import org.osc.server.domain.DistributedApplianceInstance;

/**
 * Makes a deployment spec's distributed appliance instances match the VNF pods its platform reports, keyed by
 * pod uid. Columns the platform does not report (inspection port, manager member, readiness) are kept.
 */
final class InstanceStore {

    private InstanceStore() {
    }

    /** @return how many instance rows were added, changed or removed */
    static int replace(Session session, DeploymentSpec spec, List<DeployedInstance> running) {
        Map<String, DistributedApplianceInstance> current = new HashMap<>();
        session.createSelectionQuery("from DistributedApplianceInstance i where i.deploymentSpec = :ds",
                DistributedApplianceInstance.class).setParameter("ds", spec).getResultList()
                .forEach(i -> current.put(i.getPodUid(), i));
        int changes = 0;
        Map<String, DeployedInstance> unique = new LinkedHashMap<>();
        running.forEach(pod -> unique.putIfAbsent(pod.podUid(), pod));
        for (DeployedInstance pod : unique.values()) {
            DistributedApplianceInstance instance = current.remove(pod.podUid());
            if (instance == null) {
                instance = new DistributedApplianceInstance();
                instance.setDeploymentSpec(spec);
                instance.setPodUid(pod.podUid());
                copy(instance, pod);
                session.persist(instance);
                changes++;
            } else if (!Objects.equals(instance.getName(), pod.name())
                    || !Objects.equals(instance.getNamespace(), pod.namespace())
                    || !Objects.equals(instance.getIpAddress(), pod.ipAddress())
                    || !Objects.equals(instance.getMacAddress(), pod.macAddress())) {
                copy(instance, pod);
                changes++;
            }
        }
        current.values().forEach(session::remove);
        return changes + current.size();
    }

    private static void copy(DistributedApplianceInstance instance, DeployedInstance pod) {
        instance.setName(pod.name());
        instance.setNamespace(pod.namespace());
        instance.setIpAddress(pod.ipAddress());
        instance.setMacAddress(pod.macAddress());
    }
}
