package org.osc.ovn.sdn;

import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.SdnNotifications;
import org.osc.sdn.api.SdnNotifier;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.sdn.api.element.ControllerStatus;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Publishes the {@code OVN} SDN plugin. Its capabilities are what OVN router policies can do: port groups
 * (Port_Group), failure policies (a drop policy or none while the VNF is unhealthy), off-box redirection (the
 * cluster router steers across nodes); no service function chaining and no tagged (L2) redirection, so the only
 * encapsulation is {@code NONE}. The contract test reads these from the generated component description.
 */
@Component(service = SdnControllerApi.class, property = {
    SdnPluginProperties.PLUGIN_NAME + "=" + OvnSdnController.NAME,
    SdnPluginProperties.SUPPORTS_PORT_GROUP + ":Boolean=true",
    SdnPluginProperties.SUPPORTS_FAILURE_POLICY + ":Boolean=true",
    SdnPluginProperties.SUPPORTS_OFFBOX_REDIRECTION + ":Boolean=true",
    SdnPluginProperties.SUPPORTS_SFC + ":Boolean=false",
    SdnPluginProperties.SUPPORTED_ENCAPSULATIONS + "=NONE"
})
public class OvnSdnComponent implements SdnControllerApi, SdnNotifier {

    private final OvnSdnController controller = new OvnSdnController();

    /** Closes every northbound connection: the service is going away. */
    @Deactivate
    void deactivate() {
        controller.close();
    }

    @Override
    public ControllerStatus getStatus(VirtualizationConnectorElement connector) throws SdnException {
        return controller.getStatus(connector);
    }

    @Override
    public RedirectionSession openSession(VirtualizationConnectorElement connector) throws SdnException {
        return controller.openSession(connector);
    }

    @Override
    public void startNotifications(SdnNotifications notifications) {
        controller.startNotifications(notifications);
    }

    @Override
    public void stopNotifications() {
        controller.stopNotifications();
    }
}
