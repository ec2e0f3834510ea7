package org.osc.ovn.sdn.nb;

import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.osc.ovsdb.OvsdbException;
import org.osc.ovsdb.OvsdbRemote;
import org.osc.ovsdb.OvsdbTls;
import org.osc.sdn.api.SdnException;

/**
 * Where a connector's OVN northbound database is and how to reach it, read from the connector's provider
 * attributes (OSC's {@code controllerAttributes}). Two connectors with equal settings share one connection.
 *
 * @param northbound the NB remote, {@code tcp:HOST:PORT} or {@code ssl:HOST:PORT}
 * @param caCertificate PEM text of the CA the server's certificate must chain to, or null for {@code tcp:}
 * @param clientCertificate PEM text of the client's certificate, or null for {@code tcp:}
 * @param clientKey PEM text of the client's private key, or null for {@code tcp:}
 * @param clusterRouter the name of the cluster's {@code Logical_Router}
 */
public record ControllerSettings(OvsdbRemote northbound, String caCertificate, String clientCertificate,
        String clientKey, String clusterRouter) {

    /** The NB remote attribute (required). */
    public static final String NORTHBOUND = "northbound";
    /** The CA certificate attribute (PEM; required for {@code ssl:}). */
    public static final String CA_CERTIFICATE = "northboundCaCertificate";
    /** The client certificate attribute (PEM; required for {@code ssl:}). */
    public static final String CLIENT_CERTIFICATE = "northboundClientCertificate";
    /** The client key attribute (PEM; required for {@code ssl:}). */
    public static final String CLIENT_KEY = "northboundClientKey";
    /** The cluster router attribute (optional). */
    public static final String CLUSTER_ROUTER = "clusterRouter";
    /** OVN-Kubernetes' name of the cluster router, the default of {@link #CLUSTER_ROUTER}. */
    public static final String DEFAULT_ROUTER = "ovn_cluster_router";

    /**
     * Validates the remote and the router name.
     *
     * @param northbound the NB remote
     * @param caCertificate the CA, or null
     * @param clientCertificate the client certificate, or null
     * @param clientKey the client key, or null
     * @param clusterRouter the router name
     */
    public ControllerSettings {
        Objects.requireNonNull(northbound, NORTHBOUND);
        Objects.requireNonNull(clusterRouter, CLUSTER_ROUTER);
    }

    /**
     * Reads the settings from a connector's provider attributes. Unknown attributes are ignored.
     *
     * @param attributes the provider attributes
     * @return the settings
     * @throws SdnException if an attribute is missing or malformed; the message starts with its name
     */
    public static ControllerSettings from(Map<String, String> attributes) throws SdnException {
        String remote = trimmed(attributes.get(NORTHBOUND));
        if (remote == null) {
            throw new SdnException(NORTHBOUND + ": required, the OVN northbound database as tcp:HOST:PORT or "
                    + "ssl:HOST:PORT");
        }
        OvsdbRemote northbound;
        try {
            northbound = OvsdbRemote.parse(remote);
        } catch (IllegalArgumentException e) {
            throw new SdnException(NORTHBOUND + ": " + e.getMessage());
        }
        String router = trimmed(attributes.get(CLUSTER_ROUTER));
        if (router == null) {
            router = DEFAULT_ROUTER;
        } else if (!router.matches("[A-Za-z0-9_.:-]{1,128}")) {
            throw new SdnException(CLUSTER_ROUTER + ": not a logical router name (letters, digits, '_', '.', ':', "
                    + "'-', at most 128): " + router);
        }
        if (!northbound.ssl()) {
            return new ControllerSettings(northbound, null, null, null, router);
        }
        String ca = required(attributes, CA_CERTIFICATE);
        String certificate = required(attributes, CLIENT_CERTIFICATE);
        String key = required(attributes, CLIENT_KEY);
        ControllerSettings settings = new ControllerSettings(northbound, ca, certificate, key, router);
        settings.sslContext();
        return settings;
    }

    /**
     * The TLS context of an {@code ssl:} remote.
     *
     * @return the context, or null for {@code tcp:}
     * @throws SdnException if the PEM text cannot be used; the message starts with the attribute's name
     */
    public SSLContext sslContext() throws SdnException {
        if (!northbound.ssl()) {
            return null;
        }
        try {
            return OvsdbTls.sslContext(clientKey, clientCertificate, caCertificate);
        } catch (OvsdbException e) {
            String message = e.getMessage();
            if (message.startsWith("private key: ")) {
                throw new SdnException(CLIENT_KEY + ": " + message.substring("private key: ".length()));
            } else if (message.startsWith("CA certificate: ")) {
                throw new SdnException(CA_CERTIFICATE + ": " + message.substring("CA certificate: ".length()));
            } else if (message.startsWith("certificate: ")) {
                throw new SdnException(CLIENT_CERTIFICATE + ": " + message.substring("certificate: ".length()));
            }
            throw new SdnException(CLIENT_CERTIFICATE + ": " + message);
        }
    }

    /**
     * The settings that name the database alone (remote and TLS material, no router): connectors that differ
     * only in their cluster router share a connection.
     *
     * @return these settings with an empty router name
     */
    public ControllerSettings database() {
        return clusterRouter.isEmpty() ? this
                : new ControllerSettings(northbound, caCertificate, clientCertificate, clientKey, "");
    }

    private static String required(Map<String, String> attributes, String name) throws SdnException {
        String value = trimmed(attributes.get(name));
        if (value == null) {
            throw new SdnException(name + ": required (PEM text) for an ssl: northbound");
        }
        return value;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Leaves the PEM text out, so that a key never reaches a log. */
    @Override
    public String toString() {
        return "ControllerSettings[northbound=" + northbound + ", clusterRouter=" + clusterRouter + "]";
    }
}
