package org.osc.server.user;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * bcrypt hashing of passwords (cost 10: about 60 ms a check on this class of machine), and the hash a password of a
 * name no user has is checked against, so that such a check costs what a user's does.
 */
final class PasswordHasher {

    private static final int COST = 10;

    private PasswordHasher() {
    }

    static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    static boolean verify(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /**
     * @return a hash of the same cost as the users' of a random password nobody knows, made once per process: what
     *     a password given with an unknown name is checked against, so that the answer takes as long as a wrong
     *     password of a user does
     */
    static String dummy() {
        return Dummy.HASH;
    }

    /** Made on first use (one bcrypt hash, at the first unknown name), not with every class that loads this one. */
    private static final class Dummy {
        static final String HASH;

        static {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            HASH = hash(Base64.getEncoder().encodeToString(random));
        }
    }
}
