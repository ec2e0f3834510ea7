package org.osc.server.secret;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that secrets at rest are encrypted with: the active one, which every new value is encrypted
 * with, and older ones, which still decrypt the values not yet rotated. A key's id is derived from the key itself
 * (the first 4 bytes of its SHA-256, in hex), so a stored value names exactly the key it needs, and a key file that
 * does not match the database is recognised by its ids alone. Immutable.
 */
public final class KeyRing {

    /** The length of every key, in bytes (AES-256). */
    public static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String activeId;

    private KeyRing(Map<String, SecretKey> keys, String activeId) {
        this.keys = Collections.unmodifiableMap(keys);
        this.activeId = activeId;
    }

    /**
     * @param keys the raw keys, oldest first; the last one is the active one
     * @throws IllegalArgumentException when there is none or one is not 256 bits
     */
    public static KeyRing of(Iterable<byte[]> keys) {
        Map<String, SecretKey> ring = new LinkedHashMap<>();
        String last = null;
        for (byte[] key : keys) {
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("a key has " + key.length * 8 + " bits instead of 256");
            }
            last = idOf(key);
            ring.remove(last);
            ring.put(last, new SecretKeySpec(key.clone(), "AES"));
        }
        if (last == null) {
            throw new IllegalArgumentException("no key");
        }
        return new KeyRing(ring, last);
    }

    /** @return a ring of one new random key */
    public static KeyRing generate() {
        return of(java.util.List.of(newKey()));
    }

    /** @return this ring with a new random key as the active one; the older keys stay to decrypt */
    public KeyRing withNewActiveKey() {
        Map<String, SecretKey> ring = new LinkedHashMap<>(keys);
        byte[] key = newKey();
        String id = idOf(key);
        ring.put(id, new SecretKeySpec(key, "AES"));
        return new KeyRing(ring, id);
    }

    /**
     * @param id the key to make active
     * @return this ring with the key of that id as the active one (its keys unchanged)
     * @throws IllegalArgumentException when the ring has no such key
     */
    public KeyRing withActive(String id) {
        if (!keys.containsKey(id)) {
            throw new IllegalArgumentException("no key " + id);
        }
        return id.equals(activeId) ? this : new KeyRing(new LinkedHashMap<>(keys), id);
    }

    /**
     * The ring a reloaded key file makes: the file's keys, in its order, then every key of this ring the file no
     * longer has (a value stored under it must stay readable until a rotation moves it), the file's active key
     * active.
     *
     * @param fromFile the ring the key file holds now
     * @return the ring to use; {@code fromFile} when it has every key of this one
     */
    public KeyRing reloadedFrom(KeyRing fromFile) {
        if (fromFile.keys.keySet().containsAll(keys.keySet())) {
            return fromFile;
        }
        Map<String, SecretKey> ring = new LinkedHashMap<>(fromFile.keys);
        keys.forEach(ring::putIfAbsent);
        return new KeyRing(ring, fromFile.activeId);
    }

    /** @return the ids of this ring's keys that the other ring lacks */
    public Set<String> missingFrom(KeyRing other) {
        Set<String> missing = new java.util.LinkedHashSet<>(keys.keySet());
        missing.removeAll(other.keys.keySet());
        return missing;
    }

    /** @return the id of the key new values are encrypted with */
    public String activeId() {
        return activeId;
    }

    /** @return the key new values are encrypted with */
    SecretKey active() {
        return keys.get(activeId);
    }

    /** @return the key of that id, when the ring has it */
    Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** @return the ids of all keys, oldest first (the active one last) */
    public Set<String> ids() {
        return keys.keySet();
    }

    /** @return the raw keys, oldest first, for the key file */
    Iterable<byte[]> rawKeys() {
        return keys.values().stream().map(SecretKey::getEncoded).toList();
    }

    /** @return the id of a raw key: the first 4 bytes of its SHA-256, in hex */
    static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 4));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Never shows a key. */
    @Override
    public String toString() {
        return "KeyRing" + keys.keySet() + " active " + activeId;
    }
}
