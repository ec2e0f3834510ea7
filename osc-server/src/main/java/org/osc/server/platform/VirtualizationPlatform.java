package org.osc.server.platform;

import java.util.List;

/**
 * A kind of virtualization connector (for now {@code KUBERNETES}): where security group members come from.
 * Registered as an OSGi service by the Kubernetes connector; tests register their own.
 *
 * <p>Implemented by platforms, called by the server: methods added later come with defaults.
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

    /**
     * Follows the connector's cluster from now on and reports changes to {@link WorkloadEvents} (and, for the
     * VNFs OSC deployed, to {@link DeploymentEvents}), when those services are present. The server calls it for
     * every connector of the platform's type, again whenever it re-checks them (a few seconds apart), and with
     * new settings after the connector changed: it must be idempotent and cheap when nothing changed. A
     * platform that cannot follow its clusters keeps the default, which does nothing; its groups then follow
     * the cluster only through explicit syncs and the server's periodic resync.
     *
     * @param connector the connector and how to reach its cluster
     */
    default void watch(ConnectorInfo connector) {
    }

    /**
     * Stops following the connector's cluster (the connector was deleted). Unknown ids are ignored.
     *
     * @param connectorId the connector's id
     */
    default void unwatch(long connectorId) {
    }
}
