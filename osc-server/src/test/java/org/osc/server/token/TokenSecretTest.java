package org.osc.server.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TokenSecretTest {

    @Test
    void aGeneratedTokenParsesBackToItsIdAndSecret() {
        TokenSecret secret = TokenSecret.generate(42);
        String text = secret.text();
        assertTrue(text.matches("osc_42_[A-Za-z0-9_-]{43}"), text);
        assertEquals(Optional.of(secret), TokenSecret.parse(text));
    }

    @Test
    void twoTokensOfTheSameIdHaveDifferentSecrets() {
        assertNotEquals(TokenSecret.generate(1).secret(), TokenSecret.generate(1).secret());
    }

    @Test
    void theStoredHashIsTheSha256OfTheSecretAndOnlyTheRightSecretMatchesIt() {
        TokenSecret secret = TokenSecret.generate(7);
        assertEquals(64, secret.hashHex().length());
        byte[] stored = HexFormat.of().parseHex(secret.hashHex());
        assertTrue(secret.matches(stored));
        assertFalse(TokenSecret.generate(7).matches(stored));
        assertFalse(secret.matches(null));
        assertFalse(secret.hashHex().contains(secret.secret()));
    }

    @Test
    void malformedTextIsNoToken() {
        String good = TokenSecret.generate(3).secret();
        for (String bad : new String[] { null, "", "osc_", "osc__" + good, "osc_x_" + good, "osc_3_" + good + "A",
            "osc_3_" + good.substring(1), "xyz_3_" + good, "osc_3_" + good.substring(1) + "=",
            "osc_-3_" + good, "osc_1234567890123456789_" + good, "osc_3_" + good.substring(1) + " " }) {
            assertEquals(Optional.empty(), TokenSecret.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void toStringNeverShowsTheSecret() {
        TokenSecret secret = TokenSecret.generate(9);
        assertFalse(secret.toString().contains(secret.secret()));
    }
}
