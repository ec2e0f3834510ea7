package org.osc.server.leader.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.leader.LeaseRecord;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;

/**
 * The lease row on a real PostgreSQL ({@code OSC_TEST_PG_URL}, see {@link TestDatabases#postgres()}): two electors,
 * one leads; under contention the compare-and-set never lets a replica take a lease that has not expired.
 */
class PostgresLeaseLockTest {

    private Database database;
    private final List<PostgresLeaseLock> locks = new ArrayList<>();

    @BeforeEach
    void open() {
        database = TestDatabases.postgres();
    }

    @AfterEach
    void close() {
        locks.forEach(PostgresLeaseLock::close);
        if (database != null) { // null when the test was skipped for want of PostgreSQL
            database.close();
        }
    }

    private PostgresLeaseLock lock() {
        PostgresLeaseLock lock = new PostgresLeaseLock("osc-leader",
                () -> database.openOutsidePool("test", Duration.ofSeconds(2)), database.describe());
        locks.add(lock);
        return lock;
    }

    @Test
    void twoElectorsOneLeadsAndACleanStopHandsOver() throws Exception {
        ElectionTimings timings = new ElectionTimings(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofMillis(200));
        PostgresLeaseLock lockA = lock();
        PostgresLeaseLock lockB = lock();
        LeaderElector a = new LeaderElector("replica-a", () -> lockA, timings, ElectionEvents.NONE);
        LeaderElector b = new LeaderElector("replica-b", () -> lockB, timings, ElectionEvents.NONE);
        CountDownLatch bLeads = new CountDownLatch(1);
        b.addListener(new LeadershipListener() {
            @Override
            public void startedLeading() {
                bLeads.countDown();
            }

            @Override
            public void stoppedLeading() {
            }
        });
        a.start();
        waitFor(a::isLeader, Duration.ofSeconds(5));
        b.start();
        try {
            Thread.sleep(1000); // five of b's tries
            assertTrue(a.isLeader());
            assertFalse(b.isLeader(), "one leader");
            LeaseRecord seen = lockB.read().orElseThrow();
            assertEquals("replica-a", seen.holder());
            assertTrue(seen.remaining().compareTo(Duration.ZERO) > 0 && seen.remaining().compareTo(
                    timings.leaseDuration()) <= 0, "by the database's clock, a's lease holds a while yet: " + seen);
            long stopped = System.nanoTime();
            a.stop();
            assertTrue(bLeads.await(2, TimeUnit.SECONDS), "b takes over after a's release");
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
            assertTrue(took < 1500, "taken over within a retry period or so of the release, not at expiry: " + took);
            LeaseRecord lease = lockB.read().orElseThrow();
            assertEquals("replica-b", lease.holder());
            assertEquals(1, lease.transitions());
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    void compareAndSetUnderContention() throws Exception {
        Duration duration = Duration.ofMillis(150);
        int replicas = 6;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        List<Future<List<LeaseRecord>>> results = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (int i = 0; i < replicas; i++) {
            String identity = "replica-" + i;
            PostgresLeaseLock lock = lock();
            results.add(pool.submit(() -> {
                List<LeaseRecord> held = new ArrayList<>();
                while (System.nanoTime() < end) {
                    LeaseRecord record = lock.acquireOrRenew(identity, duration);
                    if (record.heldBy(identity)) {
                        held.add(record);
                        // the holder sometimes stops renewing, so that others take over
                        Thread.sleep(held.size() % 7 == 0 ? 250 : 20);
                    } else {
                        Thread.sleep(10);
                    }
                }
                return held;
            }));
        }
        List<LeaseRecord> all = new ArrayList<>();
        for (Future<List<LeaseRecord>> result : results) {
            all.addAll(result.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        all.sort(Comparator.comparing(LeaseRecord::renewedAt));
        int changes = 0;
        for (int i = 1; i < all.size(); i++) {
            LeaseRecord before = all.get(i - 1);
            LeaseRecord after = all.get(i);
            if (!after.holder().equals(before.holder())) {
                changes++;
                assertTrue(after.renewedAt().isAfter(before.renewedAt().plus(duration)), "taken by " + after.holder()
                        + " at " + after.renewedAt() + " while " + before.holder() + "'s lease renewed at "
                        + before.renewedAt() + " held");
            }
        }
        assertTrue(changes >= 3, "the lease changed hands under contention: " + changes);
        assertEquals(changes, lock().read().orElseThrow().transitions(), "every change of holder counted");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
