package org.osc.server.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.testing.FakeClock;

/**
 * The throttle's rules, the same on each store: in memory, and in the database on H2 and on PostgreSQL (when the
 * test server is there), all with a clock the test moves.
 */
class LoginThrottleTest {

    private static final String HOME = "192.0.2.10";
    private static final String ATTACKER = "198.51.100.7";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private Database db;
    private FailureStore store;
    private LoginThrottle throttle;

    /** Opens the throttle on the named store: "memory", "h2" or "postgresql". */
    private void open(String kind) {
        LockRule names = LoginThrottle.nameRule(5, Duration.ofSeconds(60));
        LockRule addresses = LoginThrottle.addressRule(5, Duration.ofMinutes(15));
        if ("memory".equals(kind)) {
            store = new MemoryFailureStore(names, addresses, 100);
        } else {
            db = TestDatabases.open(kind, dir);
            store = new DatabaseFailureStore(db, names, addresses, 100);
        }
        throttle = new LoginThrottle(clock, store);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "memory", "h2", "postgresql" })
    void aNameIsLockedAfterItsThresholdAndFreeAgainAfterTheLock(String kind) {
        open(kind);
        for (int i = 1; i < 5; i++) {
            assertEquals(List.of(), throttle.failed("bob", ATTACKER), "failure " + i);
            assertEquals(Duration.ZERO, throttle.check("bob", ATTACKER));
        }
        List<Lockout> locks = throttle.failed("bob", ATTACKER);
        assertEquals(1, locks.size());
        assertEquals(Lockout.Kind.NAME, locks.get(0).kind());
        assertEquals(5, locks.get(0).failures());
        assertEquals(Duration.ofSeconds(1), throttle.check("bob", ATTACKER));
        assertEquals(Duration.ofSeconds(1), throttle.check("bob", "203.0.113.1"), "from any other address");
        assertEquals(Duration.ZERO, throttle.check("alice", "203.0.113.1"), "another name, another address");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, throttle.check("bob", ATTACKER));
        // The next failure doubles the lock; they go on doubling up to the name's cap.
        assertEquals(Duration.ofSeconds(2), throttle.failed("bob", ATTACKER).get(0).duration());
        for (int i = 0; i < 20; i++) {
            clock.advance(throttle.check("bob", "203.0.113.1"));
            throttle.failed("bob", "203.0.113." + (i + 2));
        }
        assertEquals(Duration.ofSeconds(60), throttle.check("bob", ATTACKER), "capped");
    }

    @ParameterizedTest
    @ValueSource(strings = { "memory", "h2", "postgresql" })
    void anAddressIsLockedForEveryNameAfterTwiceTheThreshold(String kind) {
        open(kind);
        for (int i = 0; i < 9; i++) {
            assertTrue(throttle.failed("user" + i, ATTACKER).isEmpty());
        }
        List<Lockout> locks = throttle.failed("user9", ATTACKER);
        assertEquals(Lockout.Kind.ADDRESS, locks.get(0).kind());
        assertEquals(ATTACKER, locks.get(0).address());
        assertEquals(Duration.ofSeconds(1), throttle.check("anyone", ATTACKER));
        assertEquals(Duration.ZERO, throttle.check("anyone", HOME), "another address is not locked");
    }

    @ParameterizedTest
    @ValueSource(strings = { "memory", "h2", "postgresql" })
    void aSuccessResetsTheNameAndTheAddress(String kind) {
        open(kind);
        for (int i = 0; i < 4; i++) {
            throttle.failed("bob", HOME);
        }
        throttle.succeeded("bob", HOME);
        for (int i = 0; i < 4; i++) {
            assertTrue(throttle.failed("bob", HOME).isEmpty(), "counted from zero again");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "memory", "h2", "postgresql" })
    void anAttackerElsewhereCannotLockAUserOutOfTheAddressTheyLoggedInFrom(String kind) {
        open(kind);
        throttle.succeeded("admin", HOME);
        for (int i = 0; i < 5; i++) {
            throttle.failed("admin", "198.51.100." + i);
        }
        assertEquals(Duration.ofSeconds(1), throttle.check("admin", ATTACKER), "locked for the attacker");
        assertEquals(Duration.ZERO, throttle.check("admin", HOME), "not from where admin logged in");
        // A success from there does not clear the lock the attacker earned.
        throttle.succeeded("admin", HOME);
        assertEquals(Duration.ofSeconds(1), throttle.check("admin", ATTACKER));
        // The trust ends a day after the last login.
        clock.advance(LoginThrottle.TRUST.plusSeconds(1));
        for (int i = 0; i < 6; i++) {
            throttle.failed("admin", "198.51.100." + i);
        }
        assertTrue(throttle.check("admin", HOME).toMillis() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "memory", "h2", "postgresql" })
    void theTrustedAddressIsStillHeldByItsOwnLock(String kind) {
        open(kind);
        throttle.succeeded("admin", HOME);
        for (int i = 0; i < 10; i++) {
            throttle.failed("guess" + i, HOME);
        }
        assertEquals(Duration.ofSeconds(1), throttle.check("admin", HOME));
    }

    @ParameterizedTest
    @ValueSource(strings = { "memory", "h2", "postgresql" })
    void floodsOfNamesAndAddressesStayBounded(String kind) {
        open(kind);
        int flood = "memory".equals(kind) ? 5_000 : 600;
        for (int i = 0; i < flood; i++) {
            throttle.failed("random-" + i, "10.0." + (i / 250) + "." + (i % 250));
            throttle.succeeded("user-" + i, "10.1." + (i / 250) + "." + (i % 250));
        }
        if (store instanceof DatabaseFailureStore database) {
            // pruned every so many writes: what was written since the last pruning is over the capacity until the next
            assertTrue(throttle.names() <= 100 + DatabaseFailureStore.PRUNE_EVERY, "names " + throttle.names());
            database.prune(clock.instant());
        }
        assertEquals(100, throttle.names());
        assertEquals(100, throttle.addresses());
        assertEquals(100, throttle.trustedPairs());
    }
}
