package org.osc.server.token;

import org.osc.server.user.User;

/**
 * A request authenticated by an API token.
 *
 * @param user the token's owner, with the effective role: the lower of the token's role and the owner's
 * @param tokenId the token's id
 * @param tokenName the token's name
 */
public record TokenAuthentication(User user, long tokenId, String tokenName) {
}
