package org.osc.server.leader.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.leader.LeaseException;
import org.osc.server.leader.LeaseLock;
import org.osc.server.leader.LeaseRecord;
import org.osc.server.leader.NotLeaderException;

/** The elector with a fake lock and a fake monotonic clock (and, for a hanging store, real threads). */
class LeaderElectorTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FakeLock lock = new FakeLock(nanos::get);
    private LeaderElector a;
    private LeaderElector b;

    @AfterEach
    void stop() {
        lock.unhang();
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    /** Records what a listener is told. */
    static final class Events implements LeadershipListener {
        final BlockingQueue<String> told = new LinkedBlockingQueue<>();

        @Override
        public void startedLeading() {
            told.add("started");
        }

        @Override
        public void stoppedLeading() {
            told.add("stopped");
        }

        String next() throws InterruptedException {
            return told.poll(5, TimeUnit.SECONDS);
        }
    }

    private LeaderElector started(String identity, Events events) throws Exception {
        LeaderElector elector = new LeaderElector(identity, () -> lock, ElectionTimings.DEFAULTS,
                ElectionEvents.NONE, nanos::get, Clock.systemUTC(), Executors.newSingleThreadExecutor());
        elector.addListener(events);
        openLock(elector);
        return elector;
    }

    /** Opens the lock the way the loop does, without starting the loop's thread: the test drives the attempts. */
    private static void openLock(LeaderElector elector) throws Exception {
        elector.openLock();
    }

    @Test
    void oneOfTwoLeadsAndTheOtherFollows() throws Exception {
        Events toldA = new Events();
        Events toldB = new Events();
        a = started("a", toldA);
        b = started("b", toldB);
        a.attempt();
        b.attempt();
        assertTrue(a.isLeader());
        assertFalse(b.isLeader());
        assertEquals("started", toldA.next());
        assertNull(toldB.told.poll(200, TimeUnit.MILLISECONDS));
        assertThrows(NotLeaderException.class, b::checkLeader);
        assertEquals("a", b.lease().orElseThrow().holder(), "the follower knows who leads");
        a.checkLeader();
    }

    @Test
    void aWaitingReplicaTriesAgainWhenTheLeadersLeaseRunsOutNotARetryPeriodLater() throws Exception {
        a = started("a", new Events());
        b = started("b", new Events());
        a.attempt();
        assertEquals(ElectionTimings.DEFAULTS.retryPeriod(), a.nextPause(), "the leader renews every retry period");
        // a dies right after renewing; b has seen the lease renewed 1.5 s before the kill
        advance(Duration.ofMillis(1500));
        b.attempt();
        assertFalse(b.isLeader());
        assertEquals(ElectionTimings.DEFAULTS.retryPeriod(), b.nextPause(), "13.5 s left: the usual retry");
        advance(Duration.ofMillis(12_600));
        b.attempt();
        Duration wait = b.nextPause();
        assertEquals(Duration.ofMillis(900).plus(LeaderElector.EXPIRY_MARGIN), wait,
                "0.9 s left: b tries again just after it runs out");
        advance(wait);
        b.attempt();
        assertTrue(b.isLeader(), "b leads as soon as the lease ran out: 15 s after a's last renewal");
    }

    @Test
    void leaseTakenByAnotherEndsLeadership() throws Exception {
        Events toldA = new Events();
        a = started("a", toldA);
        assertTrue(a.fencingToken().isEmpty(), "no token before it leads");
        a.attempt();
        assertEquals("started", toldA.next());
        long tokenOfA = a.fencingToken().orElseThrow();
        // a cannot renew (its store fails) while the lease expires by the lock's clock and b takes it
        lock.failing(true);
        advance(Duration.ofSeconds(9));
        a.attempt();
        assertTrue(a.isLeader(), "still within the renew deadline");
        lock.failing(false);
        advance(Duration.ofSeconds(7));
        b = started("b", new Events());
        b.attempt();
        assertTrue(b.isLeader());
        assertTrue(b.fencingToken().orElseThrow() > tokenOfA, "the next leader's fencing token is greater (job rows)");
        a.attempt();
        assertFalse(a.isLeader());
        assertTrue(a.fencingToken().isEmpty(), "a replica that does not lead has no token");
        assertEquals("stopped", toldA.next());
    }

    @Test
    void deadlinePassedEndsLeadershipEvenBeforeTheWatchdogRuns() throws Exception {
        Events toldA = new Events();
        a = started("a", toldA);
        a.attempt();
        assertEquals("started", toldA.next());
        lock.failing(true);
        advance(Duration.ofSeconds(10));
        // as a process resumed after SIGSTOP: the monotonic clock jumped, no watchdog or renewal has run yet
        assertFalse(a.isLeader(), "the renew deadline has passed");
        assertThrows(NotLeaderException.class, a::checkLeader);
        a.checkDeadline();
        assertEquals("stopped", toldA.next());
        // the deadline (10 s) passes before the lease (15 s) expires: no other replica can lead meanwhile
        b = started("b", new Events());
        lock.failing(false);
        b.attempt();
        assertFalse(b.isLeader(), "the lease still holds by the lock's clock");
        advance(Duration.ofSeconds(6));
        b.attempt();
        assertTrue(b.isLeader());
    }

    @Test
    void renewalThatHangsDoesNotKeepLeadership() throws Exception {
        Duration deadline = Duration.ofMillis(800);
        ElectionTimings fast = new ElectionTimings(Duration.ofMillis(1200), deadline, Duration.ofMillis(100));
        FakeLock real = new FakeLock(System::nanoTime);
        Events told = new Events();
        a = new LeaderElector("a", () -> real, fast, ElectionEvents.NONE);
        a.addListener(told);
        a.start();
        assertEquals("started", told.next());
        assertTrue(a.isLeader());
        CountDownLatch hang = real.hang();
        long hungAt = System.nanoTime();
        assertEquals("stopped", told.next(), "the watchdog ends leadership while the renewal hangs");
        long took = System.nanoTime() - hungAt;
        assertFalse(a.isLeader());
        assertTrue(took < deadline.toNanos() + TimeUnit.MILLISECONDS.toNanos(700), "stopped within the deadline: "
                + took / 1_000_000 + " ms");
        hang.countDown();
        real.unhang();
        assertEquals("started", told.next(), "leads again once the store answers and the lease is still its own");
    }

    @Test
    void renewalThatSucceedsTooLateDoesNotLead() throws Exception {
        Events toldA = new Events();
        LeaderElector slow = new LeaderElector("a", () -> new LeaseLock() {
            @Override
            public LeaseRecord acquireOrRenew(String identity, Duration duration) throws LeaseException {
                LeaseRecord record = lock.acquireOrRenew(identity, duration);
                advance(Duration.ofSeconds(11)); // the answer came 11 s after the request
                return record;
            }

            @Override
            public Optional<LeaseRecord> read() throws LeaseException {
                return lock.read();
            }

            @Override
            public void release(String identity) throws LeaseException {
                lock.release(identity);
            }

            @Override
            public String describe() {
                return "slow";
            }
        }, ElectionTimings.DEFAULTS, ElectionEvents.NONE, nanos::get, Clock.systemUTC(),
                Executors.newSingleThreadExecutor());
        a = slow;
        slow.addListener(toldA);
        openLock(slow);
        slow.attempt();
        assertFalse(slow.isLeader());
        assertNull(toldA.told.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void cleanStopReleasesTheLeaseForAnImmediateTakeover() throws Exception {
        Events toldA = new Events();
        a = started("a", toldA);
        a.attempt();
        assertEquals("started", toldA.next());
        b = started("b", new Events());
        b.attempt();
        assertFalse(b.isLeader());
        a.stop();
        assertEquals("stopped", toldA.next());
        assertEquals("a", lock.released());
        b.attempt();
        assertTrue(b.isLeader(), "taken at once, not after the lease expired");
        assertEquals(1, lock.read().orElseThrow().transitions());
        a = null;
    }

    @Test
    void timingsRefuseADeadlineNotShorterThanTheLease() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ElectionTimings(
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("OSC_LEASE_RENEW_DEADLINE_SECONDS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ElectionTimings(Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(10)));
    }
}
