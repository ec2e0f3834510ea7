package org.osc.server.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.user.User;
import org.osc.server.user.UserService;

/**
 * Two replicas on one PostgreSQL ({@code OSC_TEST_PG_URL}), each with its own pool, user and token services and
 * caches, as two processes have: a token revoked, a password changed or a user removed on replica A is refused on
 * replica B within a second, through {@code osc_auth}. A third replica that does not listen still accepts them from
 * its memory (up to 30 s): the notification is what makes the difference.
 */
class AuthCacheSyncTest {

    private static final long WITHIN_MILLIS = 1000;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private UserService usersA;
    private TokenService tokensA;
    private UserService usersB;
    private TokenService tokensB;
    private UserService usersC;
    private TokenService tokensC;
    private AuthCacheSync syncB;
    private User alice;

    @BeforeEach
    void start() throws Exception {
        Database a = TestDatabases.postgres();
        open.add(a);
        Database b = TestDatabases.openAgain("postgresql", dir);
        open.add(b);
        Database c = TestDatabases.openAgain("postgresql", dir);
        open.add(c);
        usersA = new UserService(a, Clock.systemUTC());
        usersB = new UserService(b, Clock.systemUTC());
        usersC = new UserService(c, Clock.systemUTC());
        open.add(usersA::close);
        open.add(usersB::close);
        open.add(usersC::close);
        tokensA = new TokenService(a, usersA, Clock.systemUTC());
        tokensB = new TokenService(b, usersB, Clock.systemUTC());
        tokensC = new TokenService(c, usersC, Clock.systemUTC());
        syncB = new AuthCacheSync(b, usersB, tokensB);
        open.add(syncB::close);
        alice = usersA.create("alice", "alice-password", "admin");
        usersA.create("root", "root-password", "admin");
        waitFor(syncB::isListening, 10_000, "replica B listens");
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aTokenRevokedOnOneReplicaIsRefusedOnTheOtherWithinASecond() throws Exception {
        CreatedToken created = tokensA.create(alice, "ci", null, null, "30d");
        assertTrue(tokensB.authenticate(created.secret()).isPresent(), "B verified it and remembers it");
        assertTrue(tokensC.authenticate(created.secret()).isPresent(), "so did C");
        long start = System.nanoTime();
        tokensA.revoke(created.token().id(), alice);
        long millis = waitFor(() -> tokensB.authenticate(created.secret()).isEmpty(), WITHIN_MILLIS,
                "the revoked token refused on B");
        System.out.printf("AUTHSYNC token revoked on A, refused on B after %d ms%n", millis);
        assertTrue((System.nanoTime() - start) / 1_000_000 < WITHIN_MILLIS);
        assertTrue(tokensC.authenticate(created.secret()).isPresent(),
                "C, not listening, still accepts it from its memory (for up to 30 s)");
    }

    @Test
    void aPasswordChangedOrAUserRemovedOnOneReplicaIsRefusedOnTheOtherWithinASecond() throws Exception {
        usersA.create("bob", "bob-password", "admin");
        User bob = usersA.get("bob");
        CreatedToken bobs = tokensA.create(bob, "bobs", null, null, "30d");
        assertTrue(usersB.authenticate("alice", "alice-password").isPresent(), "B remembers alice's password");
        assertTrue(tokensB.authenticate(bobs.secret()).isPresent(), "and bob's token");
        usersA.update("alice", "alice-new-password", null);
        long millis = waitFor(() -> usersB.authenticate("alice", "alice-password").isEmpty(), WITHIN_MILLIS,
                "alice's old password refused on B");
        System.out.printf("AUTHSYNC password changed on A, old one refused on B after %d ms%n", millis);
        assertTrue(usersB.authenticate("alice", "alice-new-password").isPresent());

        usersA.delete("bob");
        millis = waitFor(() -> tokensB.authenticate(bobs.secret()).isEmpty(), WITHIN_MILLIS,
                "the removed user's token refused on B");
        System.out.printf("AUTHSYNC user removed on A, their token refused on B after %d ms%n", millis);
    }

    @Test
    void aRoleLoweredOnOneReplicaLowersTheTokensOnTheOther() throws Exception {
        CreatedToken created = tokensA.create(alice, "ci", null, null, "30d");
        assertEquals("ADMIN", tokensB.authenticate(created.secret()).orElseThrow().user().role().name());
        usersA.update("alice", null, "auditor");
        waitFor(() -> "AUDITOR".equals(tokensB.authenticate(created.secret()).orElseThrow().user().role().name()),
                WITHIN_MILLIS, "the token's effective role lowered on B");
    }

    /** @return how long it took, in milliseconds; fails when the condition does not hold within the time */
    private static long waitFor(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed > millis) {
                throw new AssertionError(what + ": not within " + millis + " ms");
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
