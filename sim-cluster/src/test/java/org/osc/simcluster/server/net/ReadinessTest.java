package org.osc.simcluster.server.net;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadinessTest {

    @Test
    void unreadyUntilFirstSuccessThenFollowsEachResult() {
        Readiness readiness = new Readiness(1, 1);
        assertFalse(readiness.isReady("ns/vnf"));
        assertFalse(readiness.record("ns/vnf", false), "a failure before any success changes nothing");
        assertTrue(readiness.record("ns/vnf", true), "first success: ready");
        assertTrue(readiness.isReady("ns/vnf"));
        assertFalse(readiness.record("ns/vnf", true), "still ready: no change to report");
        assertTrue(readiness.record("ns/vnf", false), "forwarding off: unready");
        assertFalse(readiness.isReady("ns/vnf"));
        assertTrue(readiness.record("ns/vnf", true), "on again: ready");
    }

    @Test
    void thresholdsCountResultsInARow() {
        Readiness readiness = new Readiness(2, 3);
        assertFalse(readiness.record("p", true));
        assertTrue(readiness.record("p", true));
        assertFalse(readiness.record("p", false));
        assertFalse(readiness.record("p", false));
        assertFalse(readiness.record("p", true), "a success resets the failures");
        assertFalse(readiness.record("p", false));
        assertFalse(readiness.record("p", false));
        assertTrue(readiness.record("p", false), "third failure in a row");
        assertFalse(readiness.isReady("p"));
    }

    @Test
    void forgottenPodStartsOver() {
        Readiness readiness = new Readiness(1, 1);
        readiness.record("p", true);
        readiness.forget("p");
        assertFalse(readiness.isReady("p"));
        assertThrows(IllegalArgumentException.class, () -> new Readiness(0, 1));
    }
}
