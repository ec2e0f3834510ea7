package org.osc.server.platform;

import java.util.List;

/**
 * A kind of virtualization connector (for now {@code KUBERNETES}): where security group members come from.
 * Registered as an OSGi service by the Kubernetes connector; tests register their own.
 */
public interface VirtualizationPlatform {

    /** @return the connector type it serves, e.g. {@code KUBERNETES} */
    String type();

    /**
     * The pods matching any of the selectors (OR), in the given namespaces (all namespaces when empty). No
     * selector selects no pod; {@link #allWorkloads} is the way to ask for every pod.
     *
     * @throws PlatformException when the cluster cannot be asked
     */
    List<Workload> workloads(ConnectorInfo connector, List<LabelSelector> selectors, List<String> namespaces)
            throws PlatformException;

    /**
     * Every pod in the given namespaces (all namespaces when empty): a security group with {@code protectAll}.
     *
     * @throws PlatformException when the cluster cannot be asked
     */
    List<Workload> allWorkloads(ConnectorInfo connector, List<String> namespaces) throws PlatformException;
}
