package org.osc.sample.sdn;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osc.sample.sdn.SampleSdnViews.PortGroupView;
import org.osc.sample.sdn.SampleSdnViews.PortRequest;
import org.osc.sample.sdn.SampleSdnViews.PortView;
import org.osc.sample.sdn.SampleSdnViews.Snapshot;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.SdnNotifications;
import org.osc.sdn.api.SdnNotifier;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.sdn.api.element.ControllerStatus;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Publishes the sample controller as the {@code SampleSdn} SDN plugin, and to the bundle's REST resource as
 * {@link SampleSdnAdmin}. The capabilities advertised here must match what {@link SdnModel} enforces; the
 * contract test reads them from the generated component description to keep the two honest. The service
 * object is also the plugin's {@link SdnNotifier}, as the SPI asks (not a service of its own).
 */
@Component(service = {SdnControllerApi.class, SampleSdnAdmin.class}, property = {
    SdnPluginProperties.PLUGIN_NAME + "=" + SampleSdnController.NAME,
    SdnPluginProperties.SUPPORTS_PORT_GROUP + ":Boolean=true",
    SdnPluginProperties.SUPPORTS_FAILURE_POLICY + ":Boolean=true",
    SdnPluginProperties.SUPPORTS_OFFBOX_REDIRECTION + ":Boolean=false",
    SdnPluginProperties.SUPPORTS_SFC + ":Boolean=false",
    SdnPluginProperties.SUPPORTED_ENCAPSULATIONS + "=VLAN",
    SdnPluginProperties.SUPPORTED_ENCAPSULATIONS + "=VXLAN"
})
public class SampleSdnComponent implements SdnControllerApi, SdnNotifier, SampleSdnAdmin {

    /** Framework property naming OSC's data directory; the state goes in a sub-directory of it. */
    static final String DATA_DIR_PROPERTY = "osc.data.dir";

    private final SampleSdnController controller;

    /**
     * Loads the controller's state from OSC's data directory, so that it survives a restart of OSC.
     *
     * @param context the bundle context, for the data directory and the bundle version
     */
    @Activate
    public SampleSdnComponent(BundleContext context) {
        this.controller = new SampleSdnController(stateFile(context), context.getBundle().getVersion().toString());
    }

    /**
     * {@code ${osc.data.dir}/sample-sdn/state.json}; without that property the bundle's own data area, which
     * also survives restarts but is lost when the plugin is reinstalled.
     */
    static Path stateFile(BundleContext context) {
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "sample-sdn", "state.json");
        }
        File file = context.getDataFile("state.json");
        if (file == null) {
            throw new IllegalStateException("no " + DATA_DIR_PROPERTY + " and the framework has no bundle data area");
        }
        return file.toPath();
    }

    /** Drops OSC's context: the service is going away, and OSC cannot call stopNotifications on it any more. */
    @Deactivate
    void deactivate() {
        controller.stopNotifications();
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

    @Override
    public Snapshot snapshot() {
        return controller.snapshot();
    }

    @Override
    public PortView putPort(String namespace, String name, PortRequest request) {
        return controller.putPort(namespace, name, request);
    }

    @Override
    public boolean deletePort(String namespace, String name) {
        return controller.deletePort(namespace, name);
    }

    @Override
    public boolean deletePortGroup(String id) {
        return controller.deletePortGroup(id);
    }

    @Override
    public Optional<PortGroupView> setPortGroupMembers(String id, List<String> portIds) {
        return controller.setPortGroupMembers(id, portIds);
    }

    @Override
    public boolean deleteInspectionPort(String id) {
        return controller.deleteInspectionPort(id);
    }

    @Override
    public boolean deleteHook(String id) {
        return controller.deleteHook(id);
    }

    @Override
    public void setReachable(boolean reachable) {
        controller.setReachable(reachable);
    }
}
