package org.osc.server.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The cipher and the key ring: what a stored value looks like, what opens it and what does not. */
class SecretCipherTest {

    private static final String PLACE = "manager_connector.password";

    @Test
    void aValueRoundTripsAndNamesItsKeyWithoutShowingThePlaintext() throws Exception {
        SecretCipher cipher = new SecretCipher(KeyRing.generate());
        String secret = "s3cret-pässwörd ✓ 𝄞";
        String stored = cipher.seal(secret, PLACE);
        assertTrue(stored.startsWith("osc:v1:" + cipher.ring().activeId() + ":"), stored);
        assertFalse(stored.contains("s3cret"), stored);
        assertEquals(secret, cipher.open(stored, PLACE));
        assertEquals(cipher.ring().activeId(), SecretCipher.keyIdOf(stored).orElseThrow());
    }

    @Test
    void everyValueHasAFreshIv() {
        SecretCipher cipher = new SecretCipher(KeyRing.generate());
        Set<String> ivs = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String stored = cipher.seal("same", PLACE);
            byte[] bytes = Base64.getDecoder().decode(stored.substring(stored.lastIndexOf(':') + 1));
            ivs.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, 12)));
        }
        assertEquals(200, ivs.size());
    }

    @Test
    void anotherKeyRingCannotOpenAValue() {
        String stored = new SecretCipher(KeyRing.generate()).seal("secret", PLACE);
        UnreadableSecretException e = assertThrows(UnreadableSecretException.class,
                () -> new SecretCipher(KeyRing.generate()).open(stored, PLACE));
        assertTrue(e.getMessage().contains("which the key file does not have"), e.getMessage());
        assertTrue(e.getMessage().contains(PLACE), e.getMessage());
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        SecretCipher cipher = new SecretCipher(KeyRing.generate());
        String stored = cipher.seal("secret value", PLACE);
        int at = stored.length() - 10;
        char flipped = stored.charAt(at) == 'A' ? 'B' : 'A';
        String tampered = stored.substring(0, at) + flipped + stored.substring(at + 1);
        UnreadableSecretException e = assertThrows(UnreadableSecretException.class,
                () -> cipher.open(tampered, PLACE));
        assertTrue(e.getMessage().contains("does not decrypt"), e.getMessage());
        assertThrows(UnreadableSecretException.class, () -> cipher.open(stored.substring(0, 30), PLACE));
        assertThrows(UnreadableSecretException.class, () -> cipher.open(stored + "!!", PLACE));
    }

    @Test
    void aValueCopiedToAnotherColumnDoesNotOpenThere() throws Exception {
        SecretCipher cipher = new SecretCipher(KeyRing.generate());
        String token = cipher.seal("bearer-token", "virtualization_connector.token");
        assertThrows(UnreadableSecretException.class, () -> cipher.open(token, PLACE));
        assertEquals("bearer-token", cipher.open(token, "virtualization_connector.token"));
    }

    @Test
    void afterARotationOldValuesStillOpenAndNewOnesUseTheNewKey() throws Exception {
        KeyRing old = KeyRing.generate();
        String before = new SecretCipher(old).seal("old", PLACE);
        KeyRing rotated = old.withNewActiveKey();
        SecretCipher cipher = new SecretCipher(rotated);
        assertNotEquals(old.activeId(), rotated.activeId());
        assertEquals(java.util.List.of(old.activeId(), rotated.activeId()), java.util.List.copyOf(rotated.ids()));
        assertEquals("old", cipher.open(before, PLACE));
        String after = cipher.seal("new", PLACE);
        assertEquals(rotated.activeId(), SecretCipher.keyIdOf(after).orElseThrow());
        // the old ring alone cannot read what the new key wrote
        assertThrows(UnreadableSecretException.class, () -> new SecretCipher(old).open(after, PLACE));
    }

    @Test
    void aValueRelabelledToAnotherKeyOfTheRingDoesNotOpen() {
        KeyRing ring = KeyRing.generate().withNewActiveKey();
        SecretCipher cipher = new SecretCipher(ring);
        String stored = cipher.seal("secret", PLACE);
        String otherId = ring.ids().iterator().next();
        String relabelled = "osc:v1:" + otherId + stored.substring(("osc:v1:" + ring.activeId()).length());
        assertThrows(UnreadableSecretException.class, () -> cipher.open(relabelled, PLACE));
    }

    @Test
    void plaintextOfOldIsRecognisedAsNotEncrypted() {
        assertFalse(SecretCipher.isSealed("admin123"));
        assertFalse(SecretCipher.isSealed(null));
        assertTrue(SecretCipher.keyIdOf("apiVersion: v1").isEmpty());
    }

    @Test
    void aKeyIdIsDerivedFromItsKey() {
        byte[] key = new byte[32];
        KeyRing a = KeyRing.of(java.util.List.of(key));
        KeyRing b = KeyRing.of(java.util.List.of(key.clone()));
        assertEquals(a.activeId(), b.activeId());
        assertEquals(8, a.activeId().length());
        assertThrows(IllegalArgumentException.class, () -> KeyRing.of(java.util.List.of(new byte[16])));
        assertFalse(a.toString().contains(Base64.getEncoder().encodeToString(key)));
    }
}
