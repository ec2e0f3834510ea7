package org.osc.server.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theNameEndsAtTheFirstColon_andThePasswordKeepsTheOthers() {
        assertEquals(new BasicCredentials("admin", "a:b:ü"), BasicCredentials.of(basic("admin:a:b:ü")).orElseThrow());
        assertEquals(new BasicCredentials("admin", ""), BasicCredentials.of("bASIC " + Base64.getEncoder()
                .encodeToString("admin:".getBytes(StandardCharsets.UTF_8))).orElseThrow());
    }

    @Test
    void anythingElseIsNoCredentials() {
        assertTrue(BasicCredentials.of(null).isEmpty());
        assertTrue(BasicCredentials.of("Bearer abc").isEmpty());
        assertTrue(BasicCredentials.of("Basic not*base64").isEmpty());
        assertTrue(BasicCredentials.of(basic("no-colon")).isEmpty());
    }

    @Test
    void thePasswordIsNeverShown() {
        assertFalse(new BasicCredentials("admin", "s3cret").toString().contains("s3cret"));
    }
}
