package org.osc.sample.manager;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerAuthenticationException;
import org.osc.api.manager.ManagerDeviceApi;
import org.osc.api.manager.ManagerDeviceStatusApi;
import org.osc.api.manager.ManagerDomainApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerSecurityGroupApi;
import org.osc.api.manager.ManagerSecurityGroupInterfaceApi;
import org.osc.api.manager.ManagerUnreachableException;
import org.osc.api.manager.element.ManagerConnectorElement;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupInterfaceElement;

/**
 * The sample security manager, without OSGi: a plain object over a state file, so that unit tests and the
 * contract test drive it directly and the DS component only wires it up.
 * <p>
 * The sample runs inside OSC, so it never opens a connection. It imitates a remote manager's failures:
 * a connector whose address has a host in the reserved {@code .invalid} top-level domain (RFC 6761), e.g.
 * {@code unreachable.invalid} or {@code https://manager.invalid:8443}, is unreachable; any other address is
 * accepted. Credentials other than the configured ones (default {@code admin} / {@code admin123}) are refused.
 */
public final class SampleManager implements ApplianceManagerApi, SampleInspection {

    private final SampleRepository repository;
    private volatile SampleCredentials credentials;

    /**
     * Opens (or seeds) the state file with the default credentials.
     *
     * @param stateFile where the state is kept; its folder is created when missing
     */
    public SampleManager(Path stateFile) {
        this(stateFile, SampleCredentials.DEFAULT);
    }

    SampleManager(Path stateFile, SampleCredentials credentials) {
        this.repository = new SampleRepository(stateFile);
        this.credentials = credentials;
    }

    /** Lets a configuration change take effect without reloading the state. */
    void setCredentials(SampleCredentials credentials) {
        this.credentials = credentials;
    }

    Path stateFile() {
        return repository.stateFile();
    }

    @Override
    public void checkConnection(ManagerConnectorElement connector) throws ManagerException {
        repository.read("checkConnection", inventory -> {
            authenticate(connector);
            return null;
        });
    }

    @Override
    public ManagerDomainApi createDomainApi(ManagerConnectorElement connector) throws ManagerException {
        authenticate(connector);
        return new SampleDomainApi(repository);
    }

    @Override
    public ManagerDeviceApi createDeviceApi(ManagerConnectorElement connector) throws ManagerException {
        authenticate(connector);
        return new SampleDeviceApi(repository);
    }

    @Override
    public ManagerSecurityGroupApi createSecurityGroupApi(ManagerConnectorElement connector) throws ManagerException {
        authenticate(connector);
        return new SampleSecurityGroupApi(repository);
    }

    @Override
    public ManagerSecurityGroupInterfaceApi createSecurityGroupInterfaceApi(ManagerConnectorElement connector)
            throws ManagerException {
        authenticate(connector);
        return new SampleSecurityGroupInterfaceApi(repository);
    }

    @Override
    public ManagerDeviceStatusApi createDeviceStatusApi(ManagerConnectorElement connector) throws ManagerException {
        authenticate(connector);
        return new SampleDeviceStatusApi(repository);
    }

    private void authenticate(ManagerConnectorElement connector) throws ManagerException {
        Checks.notBlank("ipAddress", connector.ipAddress());
        if (isUnreachableAddress(connector.ipAddress())) {
            throw new ManagerUnreachableException("no manager answers at " + connector.ipAddress());
        }
        if (!credentials.accept(connector)) {
            throw new ManagerAuthenticationException("sample manager refused the credentials of user '"
                    + connector.username() + "'");
        }
    }

    /**
     * Tells whether an address (host, IP or URL) names a host in the reserved {@code .invalid} domain.
     *
     * @param address the connector's address
     * @return true for the sample's unreachable marker
     */
    static boolean isUnreachableAddress(String address) {
        String host = address.strip().toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        host = scheme >= 0 ? host.substring(scheme + 3) : host;
        int slash = host.indexOf('/');
        host = slash >= 0 ? host.substring(0, slash) : host;
        int colon = host.lastIndexOf(':');
        // Only strip a port from a host name; an IPv6 literal is never in .invalid anyway.
        host = colon >= 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return host.equals("invalid") || host.endsWith(".invalid");
    }

    @Override
    public List<SampleViews.DomainView> domains() {
        return SampleSnapshots.domains(repository.snapshot());
    }

    @Override
    public List<SampleViews.DeviceView> devices() {
        return SampleSnapshots.devices(repository.snapshot());
    }

    @Override
    public List<SecurityGroupElement> securityGroups() {
        return repository.snapshot().securityGroups();
    }

    @Override
    public List<SecurityGroupInterfaceElement> securityGroupInterfaces() {
        return repository.snapshot().securityGroupInterfaces();
    }

    @Override
    public SampleViews.SummaryView summary() {
        return SampleSnapshots.summary(repository.snapshot(), repository.counters().snapshot());
    }

    @Override
    public boolean removeDevice(String deviceId) throws ManagerException {
        return repository.write("external.deleteDevice", inventory -> inventory.removeDevice(deviceId));
    }

    @Override
    public boolean removeSecurityGroup(String securityGroupId) throws ManagerException {
        return repository.write("external.deleteSecurityGroup", inventory -> inventory.removeGroup(securityGroupId));
    }
}
