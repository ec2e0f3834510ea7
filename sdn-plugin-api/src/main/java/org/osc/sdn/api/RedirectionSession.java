package org.osc.sdn.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.WorkloadIdentity;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The calls through which OSC steers one connector's traffic: find workload ports, keep port groups, register
 * inspection ports and install inspection hooks.
 *
 * <p><b>Idempotency.</b> OSC reconciles level-triggered and repeats calls after failures and restarts, so every
 * mutating call converges instead of failing on repetition: registering or installing what already exists
 * returns the existing element (updated to the new settings if they differ), and removing what is gone is a
 * no-op. Reads return {@link Optional#empty()} for an absent element; only calls that need an element to
 * exist throw {@link ElementNotFoundException}.
 *
 * <p><b>Errors.</b> Null or blank arguments: {@link IllegalArgumentException} (or {@link NullPointerException}
 * for null values). Unknown referenced element: {@link ElementNotFoundException}. Missing capability:
 * {@link NotSupportedException}. Removal of an element still in use: {@link ElementConflictException}.
 * Controller down: {@link ControllerUnreachableException}. Any call after {@link #close()}:
 * {@link IllegalStateException}.
 *
 * <p>A session is used by one thread at a time.
 */
@ConsumerType
public interface RedirectionSession extends AutoCloseable {

    /**
     * Finds the port of a workload (pod). Read-only.
     *
     * @param workload the pod's identity, with the IPs the cluster reports for it
     * @return the pod's port
     * @throws ElementNotFoundException (kind {@code WORKLOAD}) if the controller has no port for the pod, e.g.
     *         because the pod has no IP address yet
     * @throws SdnException on controller errors
     */
    NetworkElement getWorkloadPort(WorkloadIdentity workload) throws SdnException;

    /**
     * Creates a port group, or, if a group with this name exists, sets its members. Registering the same name
     * and members again changes nothing and returns the same group (same id).
     *
     * @param name the caller's key for the group, unique per controller (OSC derives it from the security
     *        group); not blank
     * @param members the ports to group, each found by {@link #getWorkloadPort}; possibly empty
     * @return the registered group
     * @throws ElementNotFoundException (kind {@code PORT}) if a member is not a port the controller knows
     * @throws NotSupportedException if the plugin does not support port groups
     * @throws SdnException on controller errors
     */
    PortGroup registerPortGroup(String name, Set<NetworkElement> members) throws SdnException;

    /**
     * Replaces the members of an existing port group. Setting the members it already has changes nothing.
     *
     * @param portGroupId the group's id; not blank
     * @param members the new members; possibly empty
     * @return the updated group
     * @throws ElementNotFoundException (kind {@code PORT_GROUP}) if the group does not exist, (kind
     *         {@code PORT}) if a member is unknown
     * @throws NotSupportedException if the plugin does not support port groups
     * @throws SdnException on controller errors
     */
    PortGroup updatePortGroup(String portGroupId, Set<NetworkElement> members) throws SdnException;

    /**
     * Reads a port group. Read-only.
     *
     * @param portGroupId the group's id; not blank
     * @return the group, or empty if the controller has no such group (or no port groups at all)
     * @throws SdnException on controller errors
     */
    Optional<PortGroup> getPortGroup(String portGroupId) throws SdnException;

    /**
     * Deletes a port group. Deleting a group that does not exist is a no-op.
     *
     * @param portGroupId the group's id; not blank
     * @throws ElementConflictException if an inspection hook still inspects the group (remove its hooks
     *         first, e.g. with {@link #removeAllInspectionHooks})
     * @throws SdnException on controller errors
     */
    void deletePortGroup(String portGroupId) throws SdnException;

    /**
     * Registers a security appliance's inspection port, keyed by its ingress port: creates it, or updates
     * the existing inspection port with this ingress to the given elements. Registering the same pair again
     * changes nothing and returns the same id. A single-port appliance passes the same element twice.
     *
     * @param ingress the appliance's ingress port, found by {@link #getWorkloadPort}
     * @param egress the appliance's egress port, possibly equal to {@code ingress}
     * @return the registered inspection port
     * @throws ElementNotFoundException (kind {@code PORT}) if either port is unknown to the controller
     * @throws SdnException on controller errors
     */
    InspectionPort registerInspectionPort(NetworkElement ingress, NetworkElement egress) throws SdnException;

    /**
     * Reads an inspection port. Read-only.
     *
     * @param inspectionPortId the inspection port's id; not blank
     * @return the inspection port, or empty if it is not registered
     * @throws SdnException on controller errors
     */
    Optional<InspectionPort> getInspectionPort(String inspectionPortId) throws SdnException;

    /**
     * Removes an inspection port. Removing one that is not registered is a no-op.
     *
     * @param inspectionPortId the inspection port's id; not blank
     * @throws ElementConflictException if an inspection hook still redirects to it (move or remove the hooks
     *         first)
     * @throws SdnException on controller errors
     */
    void removeInspectionPort(String inspectionPortId) throws SdnException;

    /**
     * Tells the controller whether the appliance behind an inspection port can inspect traffic now, as OSC
     * learns it from the platform (for Kubernetes: the VNF pod's {@code Ready} condition). A registered port
     * starts healthy; registering it again does not change its health. Setting the health it already has
     * changes nothing.
     *
     * <p>A hook whose inspection port is unhealthy applies its failure policy: {@code FAIL_CLOSE} drops the
     * inspected traffic, {@code FAIL_OPEN} lets it pass directly, uninspected, and {@code NA} keeps the
     * controller's default (which the plugin guide of each plugin names). Healthy again, the hook redirects
     * again. OSC moves hooks to healthy inspection ports where it has one; the failure policy covers the
     * moments it has none.
     *
     * <p>Since 1.1. Plugins that advertise {@link SdnPluginProperties#SUPPORTS_FAILURE_POLICY} implement it; OSC
     * calls it only on those. The default throws {@link NotSupportedException}.
     *
     * @param inspectionPortId the inspection port's id; not blank
     * @param healthy whether its appliance can take traffic
     * @throws ElementNotFoundException (kind {@code INSPECTION_PORT}) if the port is not registered
     * @throws NotSupportedException if the plugin does not support failure policies
     * @throws SdnException on controller errors
     */
    default void setInspectionPortHealthy(String inspectionPortId, boolean healthy) throws SdnException {
        throw new NotSupportedException(SdnPluginProperties.SUPPORTS_FAILURE_POLICY,
                "this plugin does not track the health of inspection ports");
    }

    /**
     * Reads the health last set with {@link #setInspectionPortHealthy}. Read-only.
     *
     * <p>Since 1.1; the default throws {@link NotSupportedException}, as {@link #setInspectionPortHealthy} does.
     *
     * @param inspectionPortId the inspection port's id; not blank
     * @return whether hooks redirecting to the port redirect (true) or apply their failure policy (false)
     * @throws ElementNotFoundException (kind {@code INSPECTION_PORT}) if the port is not registered
     * @throws NotSupportedException if the plugin does not support failure policies
     * @throws SdnException on controller errors
     */
    default boolean isInspectionPortHealthy(String inspectionPortId) throws SdnException {
        throw new NotSupportedException(SdnPluginProperties.SUPPORTS_FAILURE_POLICY,
                "this plugin does not track the health of inspection ports");
    }

    /**
     * Installs a hook redirecting the traffic of an element to an inspection port, keyed by that pair: creates
     * it, or updates the existing hook of the pair to the spec's tag, encapsulation, order and failure policy.
     * Installing the same spec again changes nothing and returns the same hook (same id).
     *
     * @param spec what to redirect where, and how
     * @return the installed hook
     * @throws ElementNotFoundException if the inspected element (kind {@code PORT_GROUP} or {@code PORT}) or
     *         the inspection port (kind {@code INSPECTION_PORT}) is not registered
     * @throws NotSupportedException if the spec needs port groups, a failure policy or an encapsulation the
     *         plugin does not support
     * @throws SdnException on controller errors
     */
    InspectionHook installInspectionHook(InspectionHookSpec spec) throws SdnException;

    /**
     * Changes an installed hook: its inspection port, tag, encapsulation, order or failure policy. The
     * inspected element cannot change. Updating to the current settings changes nothing.
     *
     * @param hookId the hook's id; not blank
     * @param spec the new settings, with the hook's inspected element
     * @return the updated hook
     * @throws ElementNotFoundException if the hook (kind {@code INSPECTION_HOOK}) or the new inspection port
     *         (kind {@code INSPECTION_PORT}) does not exist
     * @throws ElementConflictException if another hook already redirects the element to that inspection port
     * @throws NotSupportedException as for {@link #installInspectionHook}
     * @throws IllegalArgumentException if the spec names another inspected element than the hook's
     * @throws SdnException on controller errors
     */
    InspectionHook updateInspectionHook(String hookId, InspectionHookSpec spec) throws SdnException;

    /**
     * Reads a hook by id. Read-only.
     *
     * @param hookId the hook's id; not blank
     * @return the hook, or empty if it is not installed
     * @throws SdnException on controller errors
     */
    Optional<InspectionHook> getInspectionHook(String hookId) throws SdnException;

    /**
     * Reads the hook that redirects an element to an inspection port. Read-only.
     *
     * @param inspected the inspected element
     * @param inspectionPortId the inspection port's id; not blank
     * @return the hook, or empty if there is none (also when either element does not exist)
     * @throws SdnException on controller errors
     */
    Optional<InspectionHook> findInspectionHook(InspectedElement inspected, String inspectionPortId)
            throws SdnException;

    /**
     * Lists the hooks of an element, ordered by {@link InspectionHook#order()}. Read-only.
     *
     * @param inspected the inspected element
     * @return the hooks, empty if there are none or the element does not exist
     * @throws SdnException on controller errors
     */
    List<InspectionHook> getInspectionHooks(InspectedElement inspected) throws SdnException;

    /**
     * Removes a hook. Removing a hook that is not installed is a no-op.
     *
     * @param hookId the hook's id; not blank
     * @throws SdnException on controller errors
     */
    void removeInspectionHook(String hookId) throws SdnException;

    /**
     * Removes every hook of an element. Removing from an element without hooks, or one that does not exist,
     * is a no-op.
     *
     * @param inspected the inspected element
     * @throws SdnException on controller errors
     */
    void removeAllInspectionHooks(InspectedElement inspected) throws SdnException;

    /**
     * Ends the session and releases what it holds (connections, caches). Closing twice is a no-op. Closing
     * does not undo anything the session did.
     */
    @Override
    void close();
}
