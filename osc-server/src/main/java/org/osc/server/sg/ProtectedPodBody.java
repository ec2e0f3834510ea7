package org.osc.server.sg;

import java.util.List;

/**
 * A pod a security group protects, as its last reconcile found it: {@code ports} is empty while the SDN
 * controller has no port for the pod (e.g. it has no IP address yet).
 */
public record ProtectedPodBody(String name, String namespace, String uid, List<Port> ports) {

    /**
     * The pod's SDN port.
     *
     * @param inspectionHookId the hook inspecting the group's port group first (lowest order), null while the
     *     group has none
     */
    public record Port(String portId, String macAddress, List<String> ipAddresses, String inspectionHookId) {
    }
}
