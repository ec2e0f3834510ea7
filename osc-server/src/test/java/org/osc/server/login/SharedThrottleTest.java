package org.osc.server.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.testing.FakeClock;

/**
 * The throttle's counts in the database as several replicas share them: each replica is a throttle over a handle
 * of its own on the same database (on PostgreSQL a pool of its own, as a second process has), so failures spread
 * over them lock as soon as on one, concurrent failures are each counted once, and a restart forgets nothing.
 */
class SharedThrottleTest {

    private static final String ATTACKER = "198.51.100.7";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final List<Database> databases = new ArrayList<>();

    @AfterEach
    void close() {
        databases.forEach(Database::close);
    }

    /** @return a replica's throttle on the database: the first opens (and empties) it, the others open it again */
    private LoginThrottle replica(String kind, Clock time) {
        Database db = databases.isEmpty() ? TestDatabases.open(kind, dir) : "h2".equals(kind) ? databases.get(0)
                : TestDatabases.openAgain(kind, dir);
        if (!databases.contains(db)) {
            databases.add(db);
        }
        return LoginThrottle.inDatabase(db, time, 5, Duration.ofSeconds(60), Duration.ofMinutes(15), 1000);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void failuresSpreadOverTwoReplicasLockTheNameAfterAsManyAsOnOne(String kind) {
        LoginThrottle a = replica(kind, clock);
        LoginThrottle b = replica(kind, clock);
        List<Lockout> locks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            LoginThrottle replica = i % 2 == 0 ? a : b;
            assertEquals(Duration.ZERO, replica.check("bob", ATTACKER), "attempt " + (i + 1) + " may go on");
            locks.addAll(replica.failed("bob", ATTACKER));
        }
        assertEquals(1, locks.size(), "the fifth failure, on replica a, locks: " + locks);
        assertEquals(5, locks.get(0).failures());
        assertEquals(Duration.ofSeconds(1), b.check("bob", "203.0.113.9"), "locked on the other replica too");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(2), b.failed("bob", ATTACKER).get(0).duration(), "the sixth doubles it");
        assertEquals(Duration.ofSeconds(2), a.check("bob", ATTACKER));
        // A success on one replica resets the address's count for the other.
        b.failed("alice", "192.0.2.44");
        a.succeeded("alice", "192.0.2.44");
        for (int i = 0; i < 9; i++) {
            assertTrue(b.failed("alice" + i, "192.0.2.44").stream().noneMatch(l -> l.kind() == Lockout.Kind.ADDRESS),
                    "the address counts from zero again");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void concurrentFailuresOnSeveralReplicasAreEachCountedOnce(String kind) throws Exception {
        int replicas = 2;
        int threadsEach = 4;
        int failuresEach = 40;
        List<FailureStore> stores = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            replica(kind, clock);
            stores.add(new DatabaseFailureStore(databases.get(databases.size() - 1), LoginThrottle.nameRule(5,
                    Duration.ofSeconds(60)), LoginThrottle.addressRule(5, Duration.ofMinutes(15)), 1000));
        }
        ExecutorService threads = Executors.newFixedThreadPool(replicas * threadsEach);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> running = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        try {
            for (int t = 0; t < replicas * threadsEach; t++) {
                FailureStore store = stores.get(t % replicas);
                running.add(threads.submit(() -> {
                    start.await();
                    List<Integer> seen = new ArrayList<>();
                    for (int i = 0; i < failuresEach; i++) {
                        seen.add(store.fail(Lockout.Kind.NAME, "victim", clock.instant()).failures());
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (Future<List<Integer>> future : running) {
                counts.addAll(future.get(120, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        int total = replicas * threadsEach * failuresEach;
        Set<Integer> expected = new HashSet<>();
        for (int i = 1; i <= total; i++) {
            expected.add(i);
        }
        // Each failure saw the count its own increment made: every count from 1 to the total, each once.
        assertEquals(total, counts.size());
        assertEquals(expected, new HashSet<>(counts), "no increment lost or seen twice");
        assertEquals(Duration.ofSeconds(60), new LoginThrottle(clock, stores.get(0)).check("victim", "192.0.2.1"),
                "locked for the cap");
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aRestartForgetsNoLock(String kind) {
        LoginThrottle before = replica(kind, clock);
        for (int i = 0; i < 5; i++) {
            before.failed("bob", ATTACKER);
        }
        databases.forEach(Database::close);
        databases.clear();
        Database again = TestDatabases.openAgain(kind, dir);
        databases.add(again);
        LoginThrottle after = LoginThrottle.inDatabase(again, clock, 5, Duration.ofSeconds(60),
                Duration.ofMinutes(15), 1000);
        assertEquals(Duration.ofSeconds(1), after.check("bob", ATTACKER), "still locked after the restart");
        assertEquals(Duration.ofSeconds(2), after.failed("bob", ATTACKER).get(0).duration(), "and counted on");
    }
}
