package org.osc.server.user;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The user name and password of an HTTP Basic {@code Authorization} header (RFC 7617, UTF-8).
 *
 * @param name the user name, before the first colon
 * @param password the password, after it
 */
public record BasicCredentials(String name, String password) {

    /**
     * @param header the {@code Authorization} header, may be null
     * @return its credentials; empty when it is absent, not Basic, not base64 or has no colon
     */
    public static Optional<BasicCredentials> of(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "BasicCredentials[name=" + name + "]";
    }
}
