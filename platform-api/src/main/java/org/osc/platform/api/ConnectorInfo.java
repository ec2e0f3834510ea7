package org.osc.platform.api;

/**
 * What a platform needs to reach a virtualization connector's cluster. Holds secrets: never log it whole.
 *
 * @param id the connector's id
 * @param name its name
 * @param kubeconfig kubeconfig content, or null
 * @param context the kubeconfig context to use, or null for its current one
 * @param apiServerUrl the API server URL when connecting with a token, or null
 * @param token the bearer token, or null
 * @param caCertificate the CA certificate (PEM) of the API server, or null
 * @param inCluster whether to use the in-cluster service account
 */
public record ConnectorInfo(long id, String name, String kubeconfig, String context, String apiServerUrl,
        String token, String caCertificate, boolean inCluster) {

    /** @return the id and name only: the other fields hold secrets */
    @Override
    public String toString() {
        return "ConnectorInfo[id=" + id + ", name=" + name + "]";
    }
}
