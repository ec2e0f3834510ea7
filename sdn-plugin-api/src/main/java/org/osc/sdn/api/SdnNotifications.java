package org.osc.sdn.api;

import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What an SDN plugin tells OSC on its own initiative: that something OSC depends on changed on the controller
 * without OSC asking. OSC implements this context and hands it to a plugin that implements
 * {@link SdnNotifier}; the plugin calls it when its controller learns of a change, for example when a
 * workload's port attaches or when an operator deletes a port group behind OSC's back.
 *
 * <p><b>A notification carries no decision.</b> It only says which objects OSC should look at again: OSC then
 * reconciles the objects that own the named workload or element at once, reading the current state through
 * a {@link RedirectionSession} as in any reconciliation, instead of waiting for its next periodic resync. So a
 * plugin needs no precise diff. Notifications may be repeated, arrive late or out of order, and be coalesced
 * (one call for several changes of the same workload or element); a change the plugin fails to report is
 * still repaired by OSC's periodic resync, only later.
 *
 * <p><b>Connectors.</b> Each call names the connector by the {@link VirtualizationConnectorElement} that OSC
 * passed to {@link SdnControllerApi#openSession} or {@link SdnControllerApi#getStatus}; OSC matches it by
 * {@link VirtualizationConnectorElement#name() name}. A controller serving several connectors whose elements
 * are not kept per connector notifies every connector the change may concern. A notification naming a
 * connector OSC does not have (any more) is ignored.
 *
 * <p><b>Threads.</b> The methods are thread-safe and may be called from any of the plugin's threads, never
 * from inside a call OSC is making to the plugin. They are cheap: they record what to reconcile and return
 * without blocking on the controller, the database or the reconciliation itself, and they never call back
 * into the plugin. A call about a workload or element OSC does not manage is ignored, and so is any call after
 * the context became invalid ({@link #isValid()} false).
 */
@ProviderType
public interface SdnNotifications {

    /**
     * A workload's port appeared on the controller, changed (id, MAC or IP addresses) or went away. OSC
     * reconciles the pod's security groups and, for a security appliance's pod, its inspection port and the
     * hooks that redirect to it.
     *
     * <p>The plugin fills the identity with what it knows: {@code namespace} and {@code name} (required by the
     * record) are how OSC finds the pod; {@code uid}, when the controller records it (else the empty string),
     * tells a recreated pod from the one it replaced; {@code ipAddresses} are the port's addresses as the
     * controller now sees them, empty when the port went away or they are unknown. Beyond the pod's name these
     * are hints: OSC reads the port again with {@link RedirectionSession#getWorkloadPort}.
     *
     * @param connector the connector whose cluster runs the workload, as OSC passed it to the plugin; not null
     * @param workload the pod whose port changed; not null
     */
    void workloadPortChanged(VirtualizationConnectorElement connector, WorkloadIdentity workload);

    /**
     * An element OSC registered through a session was changed or removed by someone other than OSC, such as
     * an operator editing the controller directly or the controller itself cleaning up. OSC reconciles the
     * object that owns the element (the security group of a port group, the appliance of an inspection port,
     * the binding of an inspection hook), which restores the element or re-creates it.
     *
     * <p>A plugin does not notify changes OSC made itself through a session. When one change removes several
     * elements (a port group and the hooks on it), notifying each, or only the one the change was made to, is
     * enough.
     *
     * @param connector the connector the element was registered for, as OSC passed it to the plugin; not null
     * @param kind {@link ElementKind#PORT_GROUP}, {@link ElementKind#INSPECTION_PORT} or
     *        {@link ElementKind#INSPECTION_HOOK}; not null (a workload's port is reported with
     *        {@link #workloadPortChanged})
     * @param elementId the element's id as the plugin returned it to OSC ({@code PortGroup#id()},
     *        {@code InspectionPort#id()}, {@code InspectionHook#id()}); not blank
     */
    void elementChanged(VirtualizationConnectorElement connector, ElementKind kind, String elementId);

    /**
     * Whether OSC still listens on this context. It turns false, and stays false, once OSC stopped using the
     * plugin (the plugin's service went away or was replaced); calls are then ignored. A plugin checks it
     * before calling and drops a context it finds invalid, without waiting for
     * {@link SdnNotifier#stopNotifications()}, which OSC cannot call on a service that has already gone.
     *
     * @return true while OSC acts on this context's notifications
     */
    boolean isValid();
}
