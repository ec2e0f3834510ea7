package org.osc.platform.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of virtualization connector (for now {@code KUBERNETES}): where security group members come from.
 * Registered as an OSGi service by the Kubernetes connector; tests register their own.
 *
 * <p>Implemented by platforms, called by the server: methods added later come with defaults.
 */
@ConsumerType
public interface VirtualizationPlatform {

    /** @return the connector type it serves, e.g. {@code KUBERNETES} */
    String type();

    /**
     * Checks, before the server stores a connector or a deployment spec, that OSC can work with the cluster as
     * given: the API server answers within seconds and accepts the credentials, and they hold the permissions
     * OSC needs. For Kubernetes: list and watch pods in all namespaces when {@code namespaces} is empty (security
     * group membership follows the whole cluster), else in each namespace given; and in each namespace given,
     * that it exists and that Deployments and NetworkPolicies may be read, created, updated, patched and
     * deleted there (the VNFs). Only asks; changes nothing in the cluster. Must fail within seconds when the
     * cluster does not answer. The default accepts everything, for platforms that cannot tell.
     *
     * @param connector the connector and how to reach its cluster (its id is 0 before it is stored)
     * @param namespaces the namespaces OSC will deploy VNFs to; empty for the cluster-wide checks only
     * @throws AccessDeniedException when the API server refused the credentials or they lack a permission; the
     *     message names every missing permission
     * @throws PlatformException when the cluster cannot be reached or is not usable (e.g. a namespace does not
     *     exist); the message is a readable reason
     */
    default void check(ConnectorInfo connector, List<String> namespaces) throws PlatformException {
    }

    /**
     * The pods matching any of the selectors (OR), in the given namespaces (all namespaces when empty). No
     * selector selects no pod; {@link #allWorkloads} is the way to ask for every pod.
     *
     * @param connector the connector and how to reach its cluster
     * @param selectors the label selectors, any of which a pod must match
     * @param namespaces the namespaces to look in; empty for all
     * @return the matching pods
     * @throws PlatformException when the cluster cannot be asked
     */
    List<Workload> workloads(ConnectorInfo connector, List<LabelSelector> selectors, List<String> namespaces)
            throws PlatformException;

    /**
     * Every pod in the given namespaces (all namespaces when empty): a security group with {@code protectAll}.
     *
     * @param connector the connector and how to reach its cluster
     * @param namespaces the namespaces to look in; empty for all
     * @return the pods
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
