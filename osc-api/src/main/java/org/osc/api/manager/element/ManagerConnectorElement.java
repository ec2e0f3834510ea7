package org.osc.api.manager.element;

import java.util.Map;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How to reach and authenticate to one security manager, as the administrator configured it in OSC. OSC
 * passes it to every {@link org.osc.api.manager.ApplianceManagerApi} call; a plugin must not keep the
 * credentials longer than its own session needs. {@link #toString()} never shows the password or API key.
 *
 * @param name the connector's name in OSC, for messages and logs
 * @param ipAddress host name, IP address or base URL of the manager, as the plugin documents it
 * @param username account name; empty when the manager uses an API key only
 * @param password password; empty when the manager uses an API key ({@code null} is read as empty)
 * @param apiKey API key; empty when the manager uses a password ({@code null} is read as empty)
 * @param attributes extra plugin-specific settings (e.g. a port or a TLS fingerprint); never {@code null}
 */
@ProviderType
public record ManagerConnectorElement(String name, String ipAddress, String username, String password,
        String apiKey, Map<String, String> attributes) {

    /**
     * Normalizes absent credentials to empty strings and takes an immutable copy of the attributes.
     *
     * @param name the connector's name in OSC, for messages and logs
     * @param ipAddress host name, IP address or base URL of the manager, as the plugin documents it
     * @param username account name; empty when the manager uses an API key only
     * @param password password; empty when the manager uses an API key ({@code null} is read as empty)
     * @param apiKey API key; empty when the manager uses a password ({@code null} is read as empty)
     * @param attributes extra plugin-specific settings (e.g. a port or a TLS fingerprint); never {@code null}
     */
    public ManagerConnectorElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ipAddress, "ipAddress");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        apiKey = apiKey == null ? "" : apiKey;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * Creates a connector for a manager that authenticates with username and password.
     *
     * @param name the connector's name in OSC
     * @param ipAddress host, IP address or URL of the manager
     * @param username account name
     * @param password password
     * @return the connector, without extra attributes
     */
    public static ManagerConnectorElement withPassword(String name, String ipAddress, String username,
            String password) {
        return new ManagerConnectorElement(name, ipAddress, username, password, "", Map.of());
    }

    /**
     * Creates a connector for a manager that authenticates with an API key.
     *
     * @param name the connector's name in OSC
     * @param ipAddress host, IP address or URL of the manager
     * @param apiKey the API key
     * @return the connector, without username and extra attributes
     */
    public static ManagerConnectorElement withApiKey(String name, String ipAddress, String apiKey) {
        return new ManagerConnectorElement(name, ipAddress, "", "", apiKey, Map.of());
    }

    /**
     * Shows everything but the secrets, so that a connector can be logged safely.
     *
     * @return a description with password and API key masked
     */
    @Override
    public String toString() {
        return "ManagerConnectorElement[name=" + name + ", ipAddress=" + ipAddress + ", username=" + username
                + ", password=" + mask(password) + ", apiKey=" + mask(apiKey) + ", attributes=" + attributes + "]";
    }

    private static String mask(String secret) {
        return secret.isEmpty() ? "" : "****";
    }
}
