package org.osc.server.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FailureCountsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final FailureCounts counts = new FailureCounts(3, Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMinutes(5), 4);

    @Test
    void theThresholdLocksThenEachFailureDoublesTheLockUpToTheCap() {
        Instant now = T0;
        assertFalse(counts.fail("bob", now).locks());
        assertFalse(counts.fail("bob", now).locks());
        assertEquals(Duration.ZERO, counts.lockedFor("bob", now));
        assertEquals(Duration.ofSeconds(1), counts.fail("bob", now).lock());
        assertEquals(Duration.ofSeconds(1), counts.lockedFor("bob", now));
        assertEquals(Duration.ofMillis(400), counts.lockedFor("bob", now.plusMillis(600)));
        now = now.plusSeconds(1);
        assertEquals(Duration.ZERO, counts.lockedFor("bob", now), "the lock is over");
        long[] expected = {2, 4, 8, 10, 10};
        for (long seconds : expected) {
            FailureCounts.Failure failure = counts.fail("bob", now);
            assertEquals(Duration.ofSeconds(seconds), failure.lock(), "failure " + failure.failures());
            now = now.plusSeconds(seconds);
        }
        assertEquals(Duration.ZERO, counts.lockedFor("alice", now), "another key is not locked");
    }

    @Test
    void aResetForgetsTheFailuresAndTheLock() {
        for (int i = 0; i < 3; i++) {
            counts.fail("bob", T0);
        }
        assertTrue(counts.lockedFor("bob", T0).toMillis() > 0);
        counts.reset("bob");
        assertEquals(Duration.ZERO, counts.lockedFor("bob", T0));
        assertEquals(1, counts.fail("bob", T0).failures(), "counted from zero again");
    }

    @Test
    void failuresAreForgottenAfterTheirTime() {
        counts.fail("bob", T0);
        counts.fail("bob", T0);
        assertEquals(3, counts.fail("bob", T0.plus(Duration.ofMinutes(4))).failures(), "still remembered");
        assertEquals(1, counts.fail("bob", T0.plus(Duration.ofMinutes(10))).failures(), "five quiet minutes");
    }

    @Test
    void theMapIsBoundedForgottenKeysGoFirstThenTheOldest() {
        counts.fail("old", T0);
        for (int i = 0; i < 3; i++) {
            counts.fail("locked", T0.plusSeconds(200));
        }
        counts.fail("a", T0.plusSeconds(250));
        counts.fail("b", T0.plusSeconds(260));
        assertEquals(4, counts.size());
        // "old" is past its five minutes: it goes first, without an eviction.
        counts.fail("c", T0.plusSeconds(301));
        assertEquals(4, counts.size());
        assertEquals(0, counts.evicted());
        // Full of remembered keys: the one that failed longest ago goes ("locked", with its three failures).
        counts.fail("d", T0.plusSeconds(302));
        assertEquals(4, counts.size());
        assertEquals(1, counts.evicted());
        assertEquals(2, counts.fail("a", T0.plusSeconds(303)).failures(), "a newer key stays");
        assertEquals(1, counts.fail("locked", T0.plusSeconds(304)).failures(), "the oldest was dropped");
        // A flood of new keys never grows it.
        for (int i = 0; i < 10_000; i++) {
            counts.fail("random-" + i, T0.plusSeconds(303));
        }
        assertEquals(4, counts.size());
    }
}
