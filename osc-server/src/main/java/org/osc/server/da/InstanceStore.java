package org.osc.server.da;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hibernate.Session;
import org.osc.platform.api.DeployedInstance;
import org.osc.server.domain.DeploymentSpec;
import org.osc.server.domain.DistributedApplianceInstance;

/**
 * Makes a deployment spec's distributed appliance instances match the VNF pods its platform reports, keyed by
 * pod uid. Columns the platform does not report (inspection port, manager member) are kept. A pod that went
 * away while it is still registered with the SDN controller or the manager is only marked for deletion:
 * {@link InstanceRegistration} removes those registrations first, then the row.
 */
final class InstanceStore {

    /**
     * What a replace changed.
     *
     * @param rows how many instance rows were added, changed, marked for deletion or removed
     * @param readinessChanged whether a registered instance's pod became ready or not ready: the bound groups'
     *        hooks must follow
     */
    record Changes(int rows, boolean readinessChanged) {
    }

    private InstanceStore() {
    }

    /** @return what changed */
    static Changes replace(Session session, DeploymentSpec spec, List<DeployedInstance> running) {
        Map<String, DistributedApplianceInstance> current = new HashMap<>();
        session.createSelectionQuery("from DistributedApplianceInstance i where i.deploymentSpec = :ds",
                DistributedApplianceInstance.class).setParameter("ds", spec).getResultList()
                .forEach(i -> current.put(i.getPodUid(), i));
        int changes = 0;
        boolean readiness = false;
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
            } else if (instance.isMarkedForDeletion()) {
                // A pod the platform had lost and lists again: its row is on its way out (a mark cannot be
                // undone, and the uid is unique), so the pod gets a fresh row on the reconcile after that.
                continue;
            } else if (differs(instance, pod)) {
                readiness |= instance.isPodReady() != pod.ready() && instance.getInspectionPortId() != null;
                if (!Objects.equals(instance.getIpAddress(), pod.ipAddress())) {
                    // Not ready until the registration step has registered the new address with both sides.
                    instance.setInspectionReady(false);
                }
                copy(instance, pod);
                changes++;
            }
        }
        for (DistributedApplianceInstance gone : current.values()) {
            if (gone.isMarkedForDeletion()) {
                continue;
            }
            if (gone.getInspectionPortId() != null || gone.getManagerMemberId() != null) {
                gone.markForDeletion();
                gone.setInspectionReady(false);
            } else {
                session.remove(gone);
            }
            changes++;
        }
        return new Changes(changes, readiness);
    }

    private static boolean differs(DistributedApplianceInstance instance, DeployedInstance pod) {
        return !Objects.equals(instance.getName(), pod.name())
                || !Objects.equals(instance.getNamespace(), pod.namespace())
                || !Objects.equals(instance.getIpAddress(), pod.ipAddress()) || instance.isPodReady() != pod.ready()
                || pod.macAddress() != null && !pod.macAddress().equals(instance.getMacAddress());
    }

    private static void copy(DistributedApplianceInstance instance, DeployedInstance pod) {
        instance.setName(pod.name());
        instance.setNamespace(pod.namespace());
        instance.setIpAddress(pod.ipAddress());
        instance.setPodReady(pod.ready());
        // Platforms rarely know a pod's MAC; the SDN controller's (stored at registration) is kept then.
        if (pod.macAddress() != null) {
            instance.setMacAddress(pod.macAddress());
        }
    }
}
