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
 * @param ready whether the pod can do its work now (for Kubernetes: its {@code Ready} condition is true, which
 *        the VNF's readiness probe decides); OSC moves inspection off an instance that is not ready, and the
 *        bindings' failure policies apply while no instance is (since 1.1)
 */
public record DeployedInstance(String name, String podUid, String namespace, String ipAddress,
        String macAddress, boolean ready) {

    /**
     * An instance of a platform that cannot tell readiness, taken as ready (the 1.0 constructor).
     *
     * @param name the pod's name
     * @param podUid its uid
     * @param namespace its namespace
     * @param ipAddress its IP, or null until assigned
     * @param macAddress its MAC, or null until known
     */
    public DeployedInstance(String name, String podUid, String namespace, String ipAddress, String macAddress) {
        this(name, podUid, namespace, ipAddress, macAddress, true);
    }

    /** Rejects a missing name, uid or namespace. */
    public DeployedInstance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(podUid, "podUid");
        Objects.requireNonNull(namespace, "namespace");
    }
}
