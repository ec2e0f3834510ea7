package org.osc.sdn.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The call needs a capability the plugin does not advertise: port groups without
 * {@link SdnPluginProperties#SUPPORTS_PORT_GROUP}, a failure policy other than {@code NA} without
 * {@link SdnPluginProperties#SUPPORTS_FAILURE_POLICY}, or an encapsulation missing from
 * {@link SdnPluginProperties#SUPPORTED_ENCAPSULATIONS}. OSC checks the service properties first, so this
 * error means OSC and the plugin disagree about the capabilities; retrying does not help.
 */
@ProviderType
public class NotSupportedException extends SdnException {

    private static final long serialVersionUID = 1L;

    /** The service property naming the missing capability. */
    private final String capability;

    /**
     * Creates the exception.
     *
     * @param capability the service property naming the missing capability, e.g.
     *        {@link SdnPluginProperties#SUPPORTS_PORT_GROUP}
     * @param message what was asked for
     */
    public NotSupportedException(String capability, String message) {
        super(message);
        this.capability = capability;
    }

    /**
     * The capability the call needed.
     *
     * @return the service property name of the capability
     */
    public String capability() {
        return capability;
    }
}
