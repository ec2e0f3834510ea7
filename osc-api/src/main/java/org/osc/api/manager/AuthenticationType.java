package org.osc.api.manager;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How a manager authenticates OSC; the value of {@link ManagerPluginProperties#AUTHENTICATION_TYPE}.
 */
@ProviderType
public enum AuthenticationType {
    /** Username and password; the connector's {@code password} is required. */
    PASSWORD,
    /** A single API key; the connector's {@code apiKey} is required and the username may be empty. */
    API_KEY
}
