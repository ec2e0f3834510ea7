package org.osc.server.token;

import java.time.Instant;

import org.osc.server.user.Role;

/**
 * An API token as the rest of the server sees it: never its secret or hash.
 *
 * @param id the token's id (also the number in its text)
 * @param name unique among its owner's tokens
 * @param user the owner's name
 * @param role the most the token may do; the owner's current role caps it
 * @param created when it was made
 * @param expiresAt when it stops working
 * @param lastUsedAt when it last authenticated a request (to the minute), or null
 */
public record ApiToken(long id, String name, String user, Role role, Instant created, Instant expiresAt,
        Instant lastUsedAt) {
}
