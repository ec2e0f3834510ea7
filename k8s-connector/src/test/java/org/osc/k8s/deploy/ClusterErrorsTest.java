package org.osc.k8s.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The reasons users read for refusals the simulated cluster cannot produce (it has no RBAC and creates
 * namespaces on the fly): built from the Status bodies a real API server sends.
 */
class ClusterErrorsTest {

    @Test
    void forbiddenNamesConnectorActionObjectAndNamespace() {
        Status status = new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(
                "deployments.apps is forbidden: User \"osc\" cannot create resource \"deployments\" in API group "
                        + "\"apps\" in the namespace \"shop\"").build();
        assertEquals("Cluster of virtualization connector 'k1' refused to create Deployment osc-vnf-7 in namespace "
                + "'shop': forbidden (HTTP 403): " + status.getMessage(), describe("create", status));
    }

    @Test
    void unauthorisedPointsAtTheCredentials() {
        Status status = new StatusBuilder().withCode(401).withMessage("Unauthorized").build();
        assertEquals("Cluster of virtualization connector 'k1' refused to create Deployment osc-vnf-7 in namespace "
                + "'shop': unauthorized (HTTP 401); the connector's credentials were not accepted",
                describe("create", status));
    }

    @Test
    void aMissingNamespaceIsNamed() {
        Status status = new StatusBuilder().withCode(404).withReason("NotFound")
                .withMessage("namespaces \"shop\" not found").withNewDetails().withKind("namespaces")
                .withName("shop").endDetails().build();
        assertEquals("Cluster of virtualization connector 'k1' could not create Deployment osc-vnf-7 in namespace "
                + "'shop': namespace 'shop' does not exist", describe("create", status));
    }

    @Test
    void aConflictSaysItIsRetried() {
        Status status = new StatusBuilder().withCode(409).withMessage("the object has been modified").build();
        assertEquals("Cluster of virtualization connector 'k1' could not update Deployment osc-vnf-7 in namespace "
                + "'shop': it was changed at the same time (HTTP 409): the object has been modified; the next "
                + "reconcile retries", describe("update", status));
    }

    @Test
    void anUnreachableClusterSaysSo() {
        KubernetesClientException e = new KubernetesClientException("Operation: [get] failed.",
                new ConnectException());
        assertEquals("Cluster of virtualization connector 'k1' could not be reached to read Deployment osc-vnf-7 in "
                + "namespace 'shop': connection refused or unreachable",
                ClusterErrors.describe("k1", "read", "Deployment osc-vnf-7", "shop", e).getMessage());
    }

    @Test
    void aCertificateTheCaDidNotSignIsSaidInWordsWithoutClassNames() {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building "
                + "failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid "
                + "certification path to requested target");
        untrusted.initCause(new CertPathBuilderException("unable to find valid certification path"));
        assertEquals("TLS failed: the API server's certificate is not signed by the CA certificate given (is the CA "
                + "certificate the API server's?)", ClusterErrors.networkReason(failed(untrusted)));

        SSLHandshakeException other = new SSLHandshakeException(
                "java.security.cert.CertificateException: No subject alternative names matching IP address "
                        + "10.0.0.1 found");
        assertEquals("TLS failed: No subject alternative names matching IP address 10.0.0.1 found",
                ClusterErrors.networkReason(failed(other)));
    }

    private static KubernetesClientException failed(Exception handshake) {
        return new KubernetesClientException("Operation: [get] failed.", new IOException(handshake));
    }

    private static String describe(String action, Status status) {
        KubernetesClientException e = new KubernetesClientException(status);
        return ClusterErrors.describe("k1", action, "Deployment osc-vnf-7", "shop", e).getMessage();
    }
}
