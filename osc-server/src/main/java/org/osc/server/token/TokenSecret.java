package org.osc.server.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The text of an API token, {@code osc_<id>_<secret>}: the token's id in decimal, then 32 random bytes in
 * base64url without padding (43 characters). The id makes a token self-identifying, so a check is one lookup by
 * primary key and one constant-time comparison of SHA-256 hashes.
 *
 * <p>Only the SHA-256 of the secret part is stored. A slow password hash (bcrypt) protects secrets people choose,
 * which an attacker holding the hashes could guess; 256 random bits cannot be guessed from their hash, so one
 * SHA-256 is enough, and it keeps a check cheap on every request.
 *
 * @param id the token's id
 * @param secret the random part, as presented
 */
public record TokenSecret(long id, String secret) {

    /** What every token starts with, so that secret scanners and people can tell what it is. */
    public static final String PREFIX = "osc_";
    private static final int SECRET_BYTES = 32;
    private static final int SECRET_CHARS = 43;
    private static final int MAX_ID_DIGITS = 18;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** @return a new secret for the token with the given id */
    public static TokenSecret generate(long id) {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return new TokenSecret(id, ENCODER.encodeToString(bytes));
    }

    /**
     * @param text a presented token, may be null
     * @return its id and secret; empty when it does not have the shape of a token
     */
    public static Optional<TokenSecret> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = text.indexOf('_', PREFIX.length());
        if (separator <= PREFIX.length() || separator - PREFIX.length() > MAX_ID_DIGITS) {
            return Optional.empty();
        }
        String digits = text.substring(PREFIX.length(), separator);
        String secret = text.substring(separator + 1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || secret.length() != SECRET_CHARS
                || !secret.chars().allMatch(TokenSecret::isBase64Url)) {
            return Optional.empty();
        }
        return Optional.of(new TokenSecret(Long.parseLong(digits), secret));
    }

    /** @return the token as given to its owner */
    public String text() {
        return PREFIX + id + "_" + secret;
    }

    /** @return the SHA-256 of the secret part, as stored */
    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** @return {@link #hash()} in lower-case hex, as the database holds it */
    public String hashHex() {
        return HexFormat.of().formatHex(hash());
    }

    /** @return whether this secret's hash equals the stored one, compared in constant time */
    public boolean matches(byte[] storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash(), storedHash);
    }

    private static boolean isBase64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "TokenSecret[id=" + id + "]";
    }
}
