package org.osc.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

class CipherOrderTest {

    @Test
    void theJitStopsBelowC2OnlyWhenTheLastTierFlagSaysSo() {
        assertFalse(CipherOrder.withoutC2(List.of("-Xmx1g")));
        assertTrue(CipherOrder.withoutC2(List.of("-XX:TieredStopAtLevel=1", "-Dosc.home=/x")));
        assertFalse(CipherOrder.withoutC2(List.of("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4")));
        assertTrue(CipherOrder.withoutC2(List.of("-XX:TieredStopAtLevel=4", "-XX:TieredStopAtLevel=3")));
    }

    @Test
    void chachaComesFirstAndTheSetStaysTheSame() {
        String[] suites = { "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" };
        assertArrayEquals(new String[] { "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" }, CipherOrder.chachaFirst(suites));
    }

    @Test
    void theJvmsDefaultSuitesAreReorderedNotChanged() throws Exception {
        String[] defaults = SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
        String[] ordered = CipherOrder.chachaFirst(defaults);
        assertEquals(Set.of(defaults), Set.of(ordered));
        assertEquals("TLS_CHACHA20_POLY1305_SHA256", ordered[0]);
    }
}
