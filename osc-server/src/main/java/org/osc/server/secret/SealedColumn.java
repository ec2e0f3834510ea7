package org.osc.server.secret;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.persistence.AttributeConverter;

/**
 * Encrypts one secret column on its way to the database and decrypts it on its way back. A value of old that is
 * still plaintext (stored before the upgrade, until the start-up step encrypts it) reads as it is. A value that
 * does not decrypt reads as {@link #UNREADABLE}, which the services that hand secrets to plugins turn into a
 * readable error on that object, instead of failing every query that loads it. A value under a key this process
 * does not hold makes it read the key file again first (at most once a second).
 */
public abstract class SealedColumn implements AttributeConverter<String, String> {

    /**
     * What an undecryptable value reads as: with a NUL character, which the API accepts in no field, so it cannot
     * be a real secret.
     */
    public static final String UNREADABLE = "\u0000unreadable secret\u0000";
    private static final Logger LOG = LoggerFactory.getLogger(SealedColumn.class);
    /** The values already reported, so that a corrupted value read by every resync logs once. */
    private static final Map<String, Boolean> REPORTED = new ConcurrentHashMap<>();

    private final SecretColumn column;

    /** A converter for the column. */
    protected SealedColumn(SecretColumn column) {
        this.column = column;
    }

    /** @return whether a secret read from the database could not be decrypted */
    public static boolean unreadable(String value) {
        return UNREADABLE.equals(value);
    }

    @Override
    public String convertToDatabaseColumn(String plaintext) {
        return plaintext == null ? null : AtRest.cipher().seal(plaintext, column.place());
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        if (stored == null || !SecretCipher.isSealed(stored)) {
            return stored;
        }
        try {
            return AtRest.cipher().open(stored, column.place());
        } catch (UnreadableSecretException e) {
            // Another replica may have rotated to a key this one's key file got since it was read.
            if (SecretCipher.keyIdOf(stored).filter(AtRest::reloadForUnknownKey).isPresent()) {
                try {
                    return AtRest.cipher().open(stored, column.place());
                } catch (UnreadableSecretException again) {
                    return unreadable(again, stored);
                }
            }
            return unreadable(e, stored);
        }
    }

    private String unreadable(UnreadableSecretException e, String stored) {
        // Remembered by a digest of place and value, not the value (a kubeconfig is up to 256 KiB).
        String seen = column.place() + ":" + stored.length() + ":" + stored.hashCode();
        if (REPORTED.size() < 1000 && REPORTED.putIfAbsent(seen, Boolean.TRUE) == null) {
            LOG.warn("{}; the object that holds it needs the secret set again", e.getMessage());
        }
        return UNREADABLE;
    }
}
