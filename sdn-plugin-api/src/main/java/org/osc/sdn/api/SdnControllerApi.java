package org.osc.sdn.api;

import org.osc.sdn.api.element.ControllerStatus;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The OSGi service an SDN plugin registers, one per controller type, with the service properties named in
 * {@link SdnPluginProperties}. OSC finds it by {@link SdnPluginProperties#PLUGIN_NAME} when a virtualization
 * connector names that controller type, and drops every use of it when the service goes away.
 *
 * <p>Implementations must be thread-safe: OSC calls one service from several reconcilers at once, each with
 * its own session. Neither method changes controller state.
 *
 * <p>OSC pulls from this service: it opens a session whenever it reconciles. A service whose controller can
 * see changes on its own (ports learned asynchronously, elements changed by someone else) may also implement
 * {@link SdnNotifier}, in the same object; OSC then hands it an {@link SdnNotifications} context through which
 * the plugin asks for a reconciliation at once instead of at the next periodic resync.
 */
@ConsumerType
public interface SdnControllerApi {

    /**
     * Reads the controller's status for a connector. Read-only, so repeating it has no effect.
     *
     * @param connector the connector whose controller is asked; never null
     * @return the status; {@code ready == false} when the controller answers but cannot take redirection calls
     * @throws ControllerUnreachableException if the controller cannot be reached at all
     * @throws SdnException on any other controller error
     * @throws IllegalArgumentException if {@code connector} is null
     */
    ControllerStatus getStatus(VirtualizationConnectorElement connector) throws SdnException;

    /**
     * Opens a redirection session for a connector. OSC opens one per reconciliation and closes it when done
     * (try-with-resources). Opening changes no controller state, so repeating it has no effect beyond the
     * resources a session holds.
     *
     * @param connector the connector whose traffic the session steers; never null
     * @return a new open session, used by one thread at a time
     * @throws ControllerUnreachableException if the controller cannot be reached
     * @throws SdnException on any other controller error, e.g. the connector's provider attributes do not
     *         name a usable controller
     * @throws IllegalArgumentException if {@code connector} is null
     */
    RedirectionSession openSession(VirtualizationConnectorElement connector) throws SdnException;
}
