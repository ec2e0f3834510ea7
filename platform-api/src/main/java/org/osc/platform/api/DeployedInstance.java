package org.osc.platform.api;

import java.util.Objects;

/**
 * One VNF instance (pod) a platform runs for a deployment spec.
 *
 * @param name the pod's name
 * @param podUid its uid: the key of a distributed appliance instance (a recreated pod is a new instance)
 * @param namespace its namespace
 * @param ipAddress its IP, or null until assigned
 * @param macAddress its MAC, or null until known
 */
public record DeployedInstance(String name, String podUid, String namespace, String ipAddress,
        String macAddress) {

    /** Rejects a missing name, uid or namespace. */
    public DeployedInstance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(podUid, "podUid");
        Objects.requireNonNull(namespace, "namespace");
    }
}
