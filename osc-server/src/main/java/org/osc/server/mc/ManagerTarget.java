package org.osc.server.mc;

import java.util.Map;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerAuthenticationException;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerObjectNotFoundException;
import org.osc.api.manager.ManagerUnreachableException;
import org.osc.api.manager.ManagerValidationException;
import org.osc.api.manager.element.ManagerConnectorElement;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.UnreachableException;
import org.osc.server.secret.SealedColumn;

/**
 * One manager connector as a reconcile task calls it: copied out of the database in a short transaction, so
 * that no transaction stays open while the manager answers. {@link #toString()} shows no secret (the element
 * masks them).
 *
 * @param connectorId the connector's id
 * @param connectorName its name, for failure reasons
 * @param managerType the manager plugin it names
 * @param element what the plugin is handed on every call
 */
public record ManagerTarget(long connectorId, String connectorName, String managerType,
        ManagerConnectorElement element) {

    /** @return the call target of a connector (read inside the transaction that loaded it) */
    public static ManagerTarget of(ManagerConnector connector) {
        return new ManagerTarget(connector.getId(), connector.getName(), connector.getManagerType(),
                new ManagerConnectorElement(connector.getName(), connector.getIpAddress(), connector.getUsername(),
                        connector.getPassword(), connector.getApiKey(), Map.of()));
    }

    /**
     * @return the connector's manager plugin
     * @throws ManagerFailure naming the plugin when it is not installed (now), or naming the secret when a stored
     *     one cannot be decrypted (then the plugin would only be handed a wrong credential)
     */
    public ApplianceManagerApi plugin(PluginRegistry plugins) throws ManagerFailure {
        String unreadable = SealedColumn.unreadable(element.password()) ? "password"
                : SealedColumn.unreadable(element.apiKey()) ? "apiKey" : null;
        if (unreadable != null) {
            throw new ManagerFailure("Manager connector '" + connectorName + "': its stored " + unreadable
                    + " cannot be decrypted (corrupted; see the server log); set it again with an update");
        }
        return plugins.manager(managerType)
                .orElseThrow(() -> new ManagerFailure("Manager plugin '" + managerType + "' of manager connector '"
                        + connectorName + "' is not installed"));
    }

    /**
     * Turns a plugin's typed error into a reason an administrator can act on. An unreachable manager's failure
     * carries an {@link UnreachableException}, so that the reconcile loop probes the manager
     * ({@code checkConnection}) and reruns the objects that wait for it as soon as it answers.
     *
     * @param e the plugin's exception
     * @param plugins where the probe finds the connector's plugin
     * @return the failure to throw from the task
     */
    public ManagerFailure failure(ManagerException e, PluginRegistry plugins) {
        String cause;
        if (e instanceof ManagerAuthenticationException) {
            cause = "manager rejected the credentials";
        } else if (e instanceof ManagerUnreachableException) {
            cause = "manager unreachable";
        } else if (e instanceof ManagerValidationException) {
            cause = "manager rejected the request";
        } else if (e instanceof ManagerObjectNotFoundException) {
            cause = "manager lost an object";
        } else {
            cause = "manager failed";
        }
        String message = "Manager connector '" + connectorName + "': " + cause + " (" + e.getMessage() + ")";
        if (e instanceof ManagerUnreachableException) {
            return new ManagerFailure(message, new UnreachableException(message, e, "manager connector '"
                    + connectorName + "'", () -> plugin(plugins).checkConnection(element)));
        }
        return new ManagerFailure(message, e);
    }
}
