package org.osc.server.token;

/**
 * A token just made, with its text: the only time the text is known to the server.
 *
 * @param token the stored token
 * @param secret the token's text, {@code osc_<id>_<secret>}, to hand to its owner once
 */
public record CreatedToken(ApiToken token, String secret) {

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "CreatedToken[" + token + "]";
    }
}
