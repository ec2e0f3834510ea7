package org.osc.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osc.platform.api.ConnectorInfo;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;

/** How the shared clients talk HTTP, and how unusable connection settings are described. */
class KubernetesClientsTest {

    @Test
    void plainHttpApiServersAreSpokenToInHttp11WithoutAnUpgradeAttempt() {
        Config plain = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:8080/").build();
        KubernetesClients.plainHttpWithoutUpgrade(plain);
        assertTrue(plain.isHttp2Disable());
    }

    @Test
    void tlsApiServersKeepHttp2() {
        Config tls = new ConfigBuilder(Config.empty()).withMasterUrl("https://cluster.example:6443/").build();
        KubernetesClients.plainHttpWithoutUpgrade(tls);
        assertFalse(tls.isHttp2Disable());
    }

    @Test
    void aKubeconfigThatIsNotYamlIsSaidSoWithoutItsTextOrAClassName() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> KubernetesClients.config(
                new ConnectorInfo(0, "bad", "token: s3cr3t\n: : [", null, null, null, null, false)));
        assertEquals("the kubeconfig is not valid YAML", KubernetesClients.unusable(e));
    }

    @Test
    void aKubeconfigOfAnotherShapeIsSaidSo() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> KubernetesClients.config(
                new ConnectorInfo(0, "bad", "clusters: 5\n", null, null, null, null, false)));
        assertEquals("the kubeconfig is not in the kubeconfig format (clusters, users, contexts)",
                KubernetesClients.unusable(e));
    }

    @Test
    void anythingElseNamesWhatToCheckWithoutAClassName() {
        assertEquals("the kubeconfig (its context, cluster or user), the API server URL or the CA certificate is "
                + "incomplete or invalid", KubernetesClients.unusable(new IllegalStateException("no context 'x'")));
    }
}
