package org.osc.server.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts and decrypts one stored secret with AES-256-GCM (the JDK's {@code javax.crypto}). A stored value reads
 * {@code osc:v1:<keyId>:<base64(iv | ciphertext | tag)>}, with a fresh random 96-bit IV per value. The associated
 * data is the value's place ({@code table.column}), so that a value copied into another column does not decrypt
 * there, and the key id, so that a value cannot be relabelled to another key. Immutable; thread-safe.
 */
public final class SecretCipher {

    /** What every encrypted value starts with. */
    public static final String PREFIX = "osc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing ring;

    /** A cipher over the keys of the ring. */
    public SecretCipher(KeyRing ring) {
        this.ring = ring;
    }

    /** @return the keys this cipher uses */
    public KeyRing ring() {
        return ring;
    }

    /**
     * @param plaintext the secret
     * @param place where it is stored ({@code table.column}), bound to the value as associated data
     * @return the value to store, under the active key
     */
    public String seal(String plaintext, String place) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        String keyId = ring.activeId();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, ring.active(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(place, keyId));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * @param stored a value {@link #seal} returned
     * @param place where it is stored, as given to {@link #seal}
     * @return the secret
     * @throws UnreadableSecretException saying why when the value is malformed, its key is not in the ring, or
     *     it does not decrypt (tampered, or stored for another place)
     */
    public String open(String stored, String place) throws UnreadableSecretException {
        String keyId = keyIdOf(stored).orElseThrow(() -> new UnreadableSecretException(place,
                "is not an encrypted value"));
        SecretKey key = ring.key(keyId).orElseThrow(() -> new UnreadableSecretException(place,
                "is encrypted with key " + keyId + ", which the key file does not have"));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length() + keyId.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException(place, "is corrupted (not base64)");
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException(place, "is corrupted (too short)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(aad(place, keyId));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException(place, "does not decrypt with key " + keyId
                    + " (corrupted, or copied from another column)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** @return whether a stored value is encrypted (has the format marker), as opposed to plaintext of old */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** @return the id of the key a stored value is encrypted with, when it is an encrypted value */
    public static Optional<String> keyIdOf(String stored) {
        if (!isSealed(stored)) {
            return Optional.empty();
        }
        int colon = stored.indexOf(':', PREFIX.length());
        return colon <= PREFIX.length() ? Optional.empty()
                : Optional.of(stored.substring(PREFIX.length(), colon));
    }

    private static byte[] aad(String place, String keyId) {
        return (PREFIX + keyId + ":" + place).getBytes(StandardCharsets.UTF_8);
    }
}
