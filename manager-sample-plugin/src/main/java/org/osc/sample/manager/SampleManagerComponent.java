package org.osc.sample.manager;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerDeviceApi;
import org.osc.api.manager.ManagerDeviceStatusApi;
import org.osc.api.manager.ManagerDomainApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerPluginProperties;
import org.osc.api.manager.ManagerSecurityGroupApi;
import org.osc.api.manager.ManagerSecurityGroupInterfaceApi;
import org.osc.api.manager.element.ManagerConnectorElement;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupInterfaceElement;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the sample manager with OSC. All behaviour lives in {@link SampleManager}; this component only
 * finds the state file, applies the configured credentials and delegates, so that nothing here needs a test
 * framework to be trusted.
 */
@Component(service = {ApplianceManagerApi.class, SampleInspection.class},
        configurationPid = SampleManagerComponent.PID,
        property = {
            ManagerPluginProperties.PLUGIN_NAME + "=" + SampleManagerComponent.PLUGIN_NAME,
            ManagerPluginProperties.VENDOR_NAME + "=OSC Sample",
            ManagerPluginProperties.SERVICE_NAME + "=Sample Inspection",
            ManagerPluginProperties.SYNC_SECURITY_GROUP + ":Boolean=true",
            ManagerPluginProperties.SYNC_POLICY_MAPPING + ":Boolean=true",
            ManagerPluginProperties.SUPPORTS_MULTIPLE_POLICIES + ":Boolean=true",
            ManagerPluginProperties.PROVIDES_DEVICE_STATUS + ":Boolean=true",
            ManagerPluginProperties.AUTHENTICATION_TYPE + "=PASSWORD"
        })
@Designate(ocd = SampleManagerConfig.class)
public class SampleManagerComponent implements ApplianceManagerApi, SampleInspection {

    /** Configuration PID. */
    static final String PID = "org.osc.sample.manager";
    /** The manager type connectors name. */
    static final String PLUGIN_NAME = "SampleManager";
    /** Framework property naming OSC's data folder; the sample keeps its state beside OSC's. */
    static final String DATA_DIR_PROPERTY = "osc.data.dir";

    private static final Logger LOG = LoggerFactory.getLogger(SampleManagerComponent.class);

    private volatile SampleManager core;

    @Activate
    void activate(BundleContext context, SampleManagerConfig config) {
        Path file = stateFile(context::getProperty, context::getDataFile);
        core = new SampleManager(file, credentials(config));
        LOG.info("Sample security manager keeps its state in {}", file);
    }

    @Modified
    void modified(SampleManagerConfig config) {
        core.setCredentials(credentials(config));
    }

    private static SampleCredentials credentials(SampleManagerConfig config) {
        return new SampleCredentials(config._username(), config._password());
    }

    /**
     * Picks the state file: {@code <osc.data.dir>/sample-manager/state.json} when OSC names its data folder,
     * else the bundle's private data area, which the framework keeps across restarts too.
     */
    static Path stateFile(Function<String, String> frameworkProperty, Function<String, File> bundleDataFile) {
        String dataDir = frameworkProperty.apply(DATA_DIR_PROPERTY);
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "sample-manager", "state.json");
        }
        File file = bundleDataFile.apply("state.json");
        if (file == null) {
            throw new IllegalStateException("no " + DATA_DIR_PROPERTY + " and no bundle data area: nowhere to keep state");
        }
        return file.toPath();
    }

    @Override
    public void checkConnection(ManagerConnectorElement connector) throws ManagerException {
        core.checkConnection(connector);
    }

    @Override
    public ManagerDomainApi createDomainApi(ManagerConnectorElement connector) throws ManagerException {
        return core.createDomainApi(connector);
    }

    @Override
    public ManagerDeviceApi createDeviceApi(ManagerConnectorElement connector) throws ManagerException {
        return core.createDeviceApi(connector);
    }

    @Override
    public ManagerSecurityGroupApi createSecurityGroupApi(ManagerConnectorElement connector) throws ManagerException {
        return core.createSecurityGroupApi(connector);
    }

    @Override
    public ManagerSecurityGroupInterfaceApi createSecurityGroupInterfaceApi(ManagerConnectorElement connector)
            throws ManagerException {
        return core.createSecurityGroupInterfaceApi(connector);
    }

    @Override
    public ManagerDeviceStatusApi createDeviceStatusApi(ManagerConnectorElement connector) throws ManagerException {
        return core.createDeviceStatusApi(connector);
    }

    @Override
    public List<SampleViews.DomainView> domains() {
        return core.domains();
    }

    @Override
    public List<SampleViews.DeviceView> devices() {
        return core.devices();
    }

    @Override
    public List<SecurityGroupElement> securityGroups() {
        return core.securityGroups();
    }

    @Override
    public List<SecurityGroupInterfaceElement> securityGroupInterfaces() {
        return core.securityGroupInterfaces();
    }

    @Override
    public SampleViews.SummaryView summary() {
        return core.summary();
    }

    @Override
    public boolean removeDevice(String deviceId) throws ManagerException {
        return core.removeDevice(deviceId);
    }

    @Override
    public boolean removeSecurityGroup(String securityGroupId) throws ManagerException {
        return core.removeSecurityGroup(securityGroupId);
    }
}
