package org.osc.server.token;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osc.server.error.ValidationException;
import org.osc.server.user.Role;

/**
 * What a new token may be: a name like a user's, an expiry in the future and at most {@link #MAX_LIFETIME} away
 * ({@link #DEFAULT_LIFETIME} when none is given), a role no higher than its creator's.
 */
public final class TokenRules {

    /** The lifetime of a token made without an expiry. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);
    /** The longest lifetime a token may have. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(365);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,8})([smhdy])");

    private TokenRules() {
    }

    /** @throws ValidationException naming {@code name} unless it is 1-64 letters, digits, '.', '_', '-' */
    public static void name(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "is required");
        }
        if (!isName(name)) {
            throw new ValidationException("name",
                    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** @return whether a token could have this name */
    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * @param expiresAt an explicit expiry, or null
     * @param expiresIn a lifetime such as {@code 30d} (s, m, h, d, y = 365 d), or null
     * @param now the current time
     * @return when the token expires
     * @throws ValidationException naming the field that is in the past, too far away or malformed, or both
     */
    public static Instant expiry(Instant expiresAt, String expiresIn, Instant now) {
        if (expiresAt != null && expiresIn != null) {
            throw new ValidationException("expiresIn", "give either expiresAt or expiresIn, not both");
        }
        String field = expiresAt != null ? "expiresAt" : "expiresIn";
        Instant expiry = expiresAt != null ? expiresAt
                : now.plus(expiresIn == null ? DEFAULT_LIFETIME : lifetime(expiresIn));
        if (!expiry.isAfter(now)) {
            throw new ValidationException(field, "must be in the future");
        }
        if (expiry.isAfter(now.plus(MAX_LIFETIME))) {
            throw new ValidationException(field, "must be at most " + MAX_LIFETIME.toDays() + " days away");
        }
        return expiry;
    }

    /**
     * @param wanted the role asked for, or null for the creator's own
     * @param creator the creator's effective role
     * @return the token's role
     * @throws ValidationException naming {@code role} when it is unknown or higher than the creator's
     */
    public static Role role(String wanted, Role creator) {
        if (wanted == null) {
            return creator;
        }
        Role role;
        try {
            role = Role.parse(wanted);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("role", e.getMessage());
        }
        if (lower(role, creator) != role) {
            throw new ValidationException("role", "cannot be higher than your own role ('" + creator.wireName()
                    + "')");
        }
        return role;
    }

    /** @return the role with less power of the two: auditor when either is auditor */
    public static Role lower(Role a, Role b) {
        return a == Role.AUDITOR || b == Role.AUDITOR ? Role.AUDITOR : Role.ADMIN;
    }

    private static Duration lifetime(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new ValidationException("expiresIn", "must be a number and a unit: s, m, h, d or y (e.g. 30d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(365 * n);
        };
    }
}
