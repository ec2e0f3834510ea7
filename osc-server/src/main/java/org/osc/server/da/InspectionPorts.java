package org.osc.server.da;

import java.util.Optional;

import org.osc.sdn.api.ElementConflictException;
import org.osc.sdn.api.ElementNotFoundException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.server.da.InstanceSnapshot.Instance;

/**
 * The SDN side of instance registration, in one session: each live VNF pod's port registered as a
 * single-port inspection port (ingress = egress) with its pod's readiness as its health, and the inspection
 * ports of instances going away removed.
 */
final class InspectionPorts {

    /**
     * What registering one instance gave.
     *
     * @param portId its inspection port, null while the controller has no port for the pod
     * @param macAddress the pod port's MAC, or the one stored before when the controller reports none
     * @param changed whether the inspection port differs from what the instance had (gained, moved, updated or
     *        lost): hooks redirecting to it may have to follow
     */
    record Registered(String portId, String macAddress, boolean changed) {
    }

    private final RedirectionSession session;

    InspectionPorts(RedirectionSession session) {
        this.session = session;
    }

    /** Registers the live instance's pod port, unless its registration is known and still on the controller. */
    Registered ensure(Instance instance) throws SdnException {
        Optional<InspectionPort> before = instance.inspectionPortId() == null ? Optional.empty()
                : session.getInspectionPort(instance.inspectionPortId());
        if (before.isPresent() && instance.ready()) {
            // Not ready means the pod's IP changed since (or the last run stopped half way): register again.
            return new Registered(before.get().id(), mac(before.get(), instance.macAddress()), false);
        }
        NetworkElement port;
        try {
            port = session.getWorkloadPort(instance.workload());
        } catch (ElementNotFoundException e) {
            if (e.kind() != ElementKind.WORKLOAD) {
                throw e;
            }
            // The controller has not seen the pod yet: not ready, not a failure. The spec's reconcile asks to be run
            // again (DeploymentSpecReconciler.NOT_READY_RECHECK, backing off), and the plugin's push or the pod's
            // next event usually comes first.
            return before.map(p -> new Registered(p.id(), mac(p, instance.macAddress()), false))
                    .orElseGet(() -> new Registered(null, instance.macAddress(), instance.inspectionPortId() != null));
        }
        InspectionPort registered = session.registerInspectionPort(port, port);
        return new Registered(registered.id(), mac(registered, instance.macAddress()),
                !before.equals(Optional.of(registered)));
    }

    /**
     * Tells the controller the health of a registered inspection port (its pod's readiness), unless it has it
     * already. Only for plugins that support failure policies.
     *
     * @return whether the controller's health of the port changed
     */
    boolean health(String inspectionPortId, boolean healthy) throws SdnException {
        if (session.isInspectionPortHealthy(inspectionPortId) == healthy) {
            return false;
        }
        session.setInspectionPortHealthy(inspectionPortId, healthy);
        return true;
    }

    /** @return whether the inspection port is gone; false while an inspection hook still redirects to it */
    boolean remove(String inspectionPortId) throws SdnException {
        try {
            session.removeInspectionPort(inspectionPortId);
            return true;
        } catch (ElementConflictException e) {
            return false;
        }
    }

    private static String mac(InspectionPort port, String stored) {
        return port.ingress().macAddresses().stream().findFirst().orElse(stored);
    }
}
