package org.osc.cli;

import java.io.InputStream;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of {@code create vc} and {@code update vc} that say which SDN plugin steers the connector's traffic and
 * how OSC reaches its cluster: one of a kubeconfig, an API server URL with a token (and CA), or in-cluster; plus
 * the SDN plugin's controller attributes. Files are sent as their content.
 */
public final class ConnectionOptions {

    @Option(names = "--controller-type", paramLabel = "SDN_PLUGIN", description = "The SDN plugin's name.")
    String controllerType;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file; its content is sent.")
    String kubeconfig;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "The kubeconfig context to use.")
    String context;

    @Option(names = "--api-server-url", paramLabel = "URL", description = "The API server's URL.")
    String apiServerUrl;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token for --api-server-url.")
    String token;

    @Option(names = "--ca-certificate", paramLabel = "FILE", description = "PEM file of the API server's CA.")
    String caCertificate;

    @Option(names = "--in-cluster", description = "Use the service account OSC runs with in the cluster.")
    Boolean inCluster;

    @Mixin
    ControllerAttributeOptions controllerAttributes;

    /** @return whether the flags name a way to connect, which replaces a stored one */
    boolean newConnection() {
        return kubeconfig != null || apiServerUrl != null || Boolean.TRUE.equals(inCluster);
    }

    /**
     * Puts the given flags into the body, over what it holds.
     *
     * @throws CliException usage (exit 2) for a file that cannot be read or a malformed attribute flag
     */
    void applyTo(ObjectNode body, InputStream stdin) {
        CreateCommand.Base.put(body, "controllerType", controllerType);
        if (kubeconfig != null) {
            body.put("kubeconfig", BodyInput.text(kubeconfig, stdin));
        }
        CreateCommand.Base.put(body, "context", context);
        CreateCommand.Base.put(body, "apiServerUrl", apiServerUrl);
        CreateCommand.Base.put(body, "token", token);
        if (caCertificate != null) {
            body.put("caCertificate", BodyInput.text(caCertificate, stdin));
        }
        CreateCommand.Base.put(body, "inCluster", inCluster);
        controllerAttributes.applyTo(body, stdin);
    }
}
