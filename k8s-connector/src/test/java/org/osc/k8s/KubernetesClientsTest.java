package org.osc.k8s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;

/** How the shared clients talk HTTP. */
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
}
