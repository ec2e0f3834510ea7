package org.osc.api.manager;

import org.osc.api.manager.element.ManagerConnectorElement;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The service a security-manager plugin registers, once per manager type, with the properties of
 * {@link ManagerPluginProperties}. OSC never keeps a manager session of its own: it hands the connector
 * (address and credentials) to every call here and asks for a short-lived sub-API, which it closes when the
 * reconciliation step is done. A plugin may cache sessions per connector for its own needs, but must not
 * keep credentials beyond them.
 * <p>
 * Optional sub-APIs are default methods throwing {@link UnsupportedOperationException}: OSC calls them only
 * when the matching capability property is {@code true}, so a plugin overrides exactly what it declares and
 * new optional capabilities can be added here without breaking existing plugins.
 * <p>
 * Every method may be called concurrently for different connectors.
 */
@ConsumerType
public interface ApplianceManagerApi {

    /**
     * Checks that the manager is reachable and accepts the connector's credentials. Read-only, so safe to
     * repeat; OSC calls it when a connector is created, updated or synced.
     *
     * @param connector the manager connector to check
     * @throws ManagerAuthenticationException the manager refused the credentials
     * @throws ManagerUnreachableException the manager could not be reached
     * @throws ManagerValidationException the connector itself is malformed, e.g. a blank address
     * @throws ManagerException any other failure
     */
    void checkConnection(ManagerConnectorElement connector) throws ManagerException;

    /**
     * Returns the domains-and-policies API for a connector. Always supported.
     *
     * @param connector the manager connector the sub-API talks to
     * @return a sub-API bound to that connector; close it when done
     * @throws ManagerAuthenticationException the manager refused the credentials (here or on a later call)
     * @throws ManagerUnreachableException the manager could not be reached (here or on a later call)
     * @throws ManagerException any other failure
     */
    ManagerDomainApi createDomainApi(ManagerConnectorElement connector) throws ManagerException;

    /**
     * Returns the devices-and-members API for a connector. Always supported: OSC registers one device per
     * virtual system and one member per VNF pod.
     *
     * @param connector the manager connector the sub-API talks to
     * @return a sub-API bound to that connector; close it when done
     * @throws ManagerAuthenticationException the manager refused the credentials (here or on a later call)
     * @throws ManagerUnreachableException the manager could not be reached (here or on a later call)
     * @throws ManagerException any other failure
     */
    ManagerDeviceApi createDeviceApi(ManagerConnectorElement connector) throws ManagerException;

    /**
     * Returns the security-group API for a connector. Called only when
     * {@link ManagerPluginProperties#SYNC_SECURITY_GROUP} is {@code true}.
     *
     * @param connector the manager connector the sub-API talks to
     * @return a sub-API bound to that connector; close it when done
     * @throws ManagerAuthenticationException the manager refused the credentials (here or on a later call)
     * @throws ManagerUnreachableException the manager could not be reached (here or on a later call)
     * @throws ManagerException any other failure
     * @throws UnsupportedOperationException the plugin does not declare the capability (the default)
     */
    default ManagerSecurityGroupApi createSecurityGroupApi(ManagerConnectorElement connector)
            throws ManagerException {
        throw new UnsupportedOperationException(ManagerPluginProperties.SYNC_SECURITY_GROUP + " not supported");
    }

    /**
     * Returns the security-group-interface (policy mapping) API for a connector. Called only when
     * {@link ManagerPluginProperties#SYNC_POLICY_MAPPING} is {@code true}.
     *
     * @param connector the manager connector the sub-API talks to
     * @return a sub-API bound to that connector; close it when done
     * @throws ManagerAuthenticationException the manager refused the credentials (here or on a later call)
     * @throws ManagerUnreachableException the manager could not be reached (here or on a later call)
     * @throws ManagerException any other failure
     * @throws UnsupportedOperationException the plugin does not declare the capability (the default)
     */
    default ManagerSecurityGroupInterfaceApi createSecurityGroupInterfaceApi(ManagerConnectorElement connector)
            throws ManagerException {
        throw new UnsupportedOperationException(ManagerPluginProperties.SYNC_POLICY_MAPPING + " not supported");
    }

    /**
     * Returns the device-status API for a connector. Called only when
     * {@link ManagerPluginProperties#PROVIDES_DEVICE_STATUS} is {@code true}.
     *
     * @param connector the manager connector the sub-API talks to
     * @return a sub-API bound to that connector; close it when done
     * @throws ManagerAuthenticationException the manager refused the credentials (here or on a later call)
     * @throws ManagerUnreachableException the manager could not be reached (here or on a later call)
     * @throws ManagerException any other failure
     * @throws UnsupportedOperationException the plugin does not declare the capability (the default)
     */
    default ManagerDeviceStatusApi createDeviceStatusApi(ManagerConnectorElement connector)
            throws ManagerException {
        throw new UnsupportedOperationException(ManagerPluginProperties.PROVIDES_DEVICE_STATUS + " not supported");
    }
}
