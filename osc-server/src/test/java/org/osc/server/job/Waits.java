package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Generous waits for the tests: long enough never to be hit on a slow machine, short enough to fail a hang. */
final class Waits {

    static final Duration LONG = Duration.ofSeconds(30);

    private Waits() {
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(LONG.toSeconds(), TimeUnit.SECONDS), "timed out waiting for a latch");
    }

    /** A task body that blocks until the latch opens. */
    static Task blockUntil(CountDownLatch started, CountDownLatch release) {
        return ctx -> {
            started.countDown();
            await(release);
        };
    }
}
