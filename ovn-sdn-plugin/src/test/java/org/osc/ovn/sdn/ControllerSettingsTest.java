package org.osc.ovn.sdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osc.ovn.sdn.nb.ControllerSettings;
import org.osc.sdn.api.SdnException;

/** The connector attributes: defaults, and errors that start with the attribute's name. */
class ControllerSettingsTest {

    @Test
    void aTcpNorthbound_getsTheDefaultRouter_andEqualSettingsShareAConnection() throws Exception {
        ControllerSettings a = ControllerSettings.from(Map.of("northbound", " tcp:127.0.0.1:6641 "));
        assertEquals("tcp:127.0.0.1:6641", a.northbound().toString());
        assertEquals("ovn_cluster_router", a.clusterRouter());
        assertEquals(a, ControllerSettings.from(Map.of("northbound", "tcp:127.0.0.1:6641", "other", "ignored")));
        assertEquals("r1", ControllerSettings.from(Map.of("northbound", "tcp:h:1", "clusterRouter", "r1"))
                .clusterRouter());
    }

    @Test
    void errors_startWithTheAttribute() {
        assertMessage("northbound: required", Map.of("northbound", " "));
        assertMessage("northbound: ", Map.of("northbound", "unix:/run/ovn/ovnnb_db.sock"));
        assertMessage("clusterRouter: ", Map.of("northbound", "tcp:h:1", "clusterRouter", "a b"));
        assertMessage("northboundCaCertificate: required", Map.of("northbound", "ssl:h:1"));
        assertMessage("northboundClientCertificate: required", Map.of("northbound", "ssl:h:1",
                "northboundCaCertificate", "pem"));
        assertMessage("northboundClientKey: required", Map.of("northbound", "ssl:h:1",
                "northboundCaCertificate", "pem", "northboundClientCertificate", "pem"));
        assertMessage("northboundClientKey: ", Map.of("northbound", "ssl:h:1", "northboundCaCertificate", "pem",
                "northboundClientCertificate", "pem", "northboundClientKey", "not pem"));
    }

    @Test
    void theKeyNeverReachesToString() throws Exception {
        ControllerSettings settings = new ControllerSettings(ControllerSettings.from(
                Map.of("northbound", "tcp:h:1")).northbound(), "CA", "CERT", "SECRET-KEY", "r");
        assertFalse(settings.toString().contains("SECRET-KEY"));
        assertTrue(settings.toString().contains("tcp:h:1"));
    }

    private static void assertMessage(String start, Map<String, String> attributes) {
        SdnException e = assertThrows(SdnException.class, () -> ControllerSettings.from(attributes));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
