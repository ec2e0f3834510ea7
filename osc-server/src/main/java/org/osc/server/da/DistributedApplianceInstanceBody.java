package org.osc.server.da;

/**
 * A distributed appliance instance (one VNF pod) on the wire; read-only.
 *
 * @param id its id
 * @param deploymentSpecId the deployment spec that runs it
 * @param name the pod's name
 * @param podUid the pod's uid
 * @param namespace the pod's namespace
 * @param ipAddress its IP, or null until assigned
 * @param macAddress its MAC, or null until known
 * @param inspectionPortId its inspection port on the SDN controller, or null until registered
 * @param inspectionReady whether it is registered both as an inspection port with the SDN controller and as a
 *     device member on the manager
 * @param podReady whether the platform reports its pod ready (for Kubernetes: the {@code Ready} condition its
 *     readiness probe decides); hooks redirect only to ready instances, and while none is, the bindings' failure
 *     policies apply
 */
public record DistributedApplianceInstanceBody(long id, long deploymentSpecId, String name, String podUid,
        String namespace, String ipAddress, String macAddress, String inspectionPortId, boolean inspectionReady,
        boolean podReady) {
}
