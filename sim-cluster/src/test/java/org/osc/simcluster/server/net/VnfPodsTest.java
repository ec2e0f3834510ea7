package org.osc.simcluster.server.net;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VnfPodsTest {

    @Test
    void recognisedByOscsLabels() {
        assertTrue(VnfPods.isVnf(Map.of("app.kubernetes.io/managed-by", "osc", "osc.io/deployment-spec", "12",
                "pod-template-hash", "abc")));
        assertFalse(VnfPods.isVnf(null));
        assertFalse(VnfPods.isVnf(Map.of("app", "web")));
        assertFalse(VnfPods.isVnf(Map.of("app.kubernetes.io/managed-by", "osc")), "no deployment spec");
        assertFalse(VnfPods.isVnf(Map.of("app.kubernetes.io/managed-by", "helm", "osc.io/deployment-spec", "1")));
        assertFalse(VnfPods.isVnf(Map.of("app.kubernetes.io/managed-by", "osc", "osc.io/deployment-spec", " ")));
    }
}
