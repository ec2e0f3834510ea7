package org.osc.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The membership programming histogram: from the first event a run applies to the port group write. */
class MembershipLatencyTest {

    private static final String COUNT = "osc_membership_programming_duration_seconds_count";
    private static final String SUM = "osc_membership_programming_duration_seconds_sum";

    @Test
    void eventsBeforeARunAreTimedOnceFromTheFirst() throws Exception {
        Scrape before = Scrape.now();
        long first = System.nanoTime();
        MembershipLatency.received(901, first);
        Thread.sleep(20);
        MembershipLatency.received(901, System.nanoTime());
        Long pending = MembershipLatency.pending(901);
        assertEquals(first, pending, "the first event's time");
        MembershipLatency.programmed(901, pending);

        Scrape after = Scrape.now();
        assertEquals(1, after.value(COUNT) - before.value(COUNT));
        assertTrue(after.value(SUM) - before.value(SUM) >= 0.02, "timed from the first event:\n" + after);
        assertNull(MembershipLatency.pending(901), "applied: nothing waits");
    }

    @Test
    void aRunWithoutAnEventRecordsNothingAndAnEventDuringItWaitsForTheNext() {
        Scrape before = Scrape.now();
        Long atStart = MembershipLatency.pending(902); // a REST write or a resync: no event
        MembershipLatency.received(902, System.nanoTime()); // arrives while the run goes
        MembershipLatency.programmed(902, atStart);
        assertEquals(0, Scrape.now().value(COUNT) - before.value(COUNT));

        Long next = MembershipLatency.pending(902);
        MembershipLatency.programmed(902, next);
        assertEquals(1, Scrape.now().value(COUNT) - before.value(COUNT), "the next run records it");
    }

    @Test
    void aDeletedGroupForgetsItsEvent() {
        MembershipLatency.received(903, System.nanoTime());
        MembershipLatency.forget(903);
        assertNull(MembershipLatency.pending(903));
    }
}
