package org.osc.server.plugin;

import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.server.reconcile.UnreachableException;

/** The one way reconcile steps report an SDN plugin's failure: readable, and typed for the reconcile loop. */
public final class SdnFailures {

    private SdnFailures() {
    }

    /**
     * @param who the object, e.g. {@code Security group 'web'}
     * @param controller the plugin's name
     * @param sdn the plugin, probed through {@link SdnControllerApi#getStatus} while it does not answer
     * @param connector the connector the failing call was for
     * @return "who: SDN controller 'X' failed: reason", as an {@link UnreachableException} when the controller
     *     did not answer, with the plugin's exception as its cause
     */
    public static IllegalStateException of(String who, String controller, SdnControllerApi sdn,
            VirtualizationConnectorElement connector, SdnException e) {
        String message = who + ": SDN controller '" + controller + "' failed: " + e.getMessage();
        if (e instanceof ControllerUnreachableException) {
            return new UnreachableException(message, e, "SDN controller '" + controller + "' of connector '"
                    + connector.name() + "'", () -> sdn.getStatus(connector));
        }
        return new IllegalStateException(message, e);
    }
}
