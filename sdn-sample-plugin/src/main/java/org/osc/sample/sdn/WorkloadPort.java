package org.osc.sample.sdn;

import org.osc.sdn.api.element.NetworkElement;

/**
 * A pod's port as the sample controller keeps it.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param uid the pod uid the port was learned for, or "" when it was told over REST
 * @param source how the controller came to know the port
 * @param port the port itself
 */
public record WorkloadPort(String namespace, String name, String uid, Source source, NetworkElement port) {

    /** How a port became known. */
    public enum Source {
        /** Set through {@code PUT /api/sample/sdn/ports/{namespace}/{name}}; wins over learning. */
        TOLD,
        /** Derived from the pod uid and IPs that OSC passed in a lookup. */
        LEARNED
    }

    /** The key the controller files the port under. */
    String key() {
        return key(namespace, name);
    }

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
