package org.osc.server.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.osc.server.testing.FakeClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WorkQueueTest {

    private final FakeClock clock = new FakeClock();
    private final WorkQueue<String> queue = new WorkQueue<>(clock,
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));

    @Test
    void aClaimWaitsForTheKeysRunTakesOverItsQueuedAddAndReleasesWithDone() throws Exception {
        queue.add("g");
        assertEquals("g", take());
        queue.add("g"); // asked for again while a worker runs it
        CompletableFuture<Boolean> claimed = CompletableFuture.supplyAsync(() -> claim("g", Duration.ofSeconds(5)));
        Thread.sleep(50);
        assertFalse(claimed.isDone(), "no claim while a worker processes the key");
        queue.done("g");
        assertTrue(claimed.get(5, TimeUnit.SECONDS));
        assertEquals(0, queue.depth(), "the claim's run covers the add that came before it");
        assertFalse(claim("g", Duration.ofMillis(20)), "claimed: a second claim times out");
        queue.add("g");
        assertEquals(0, queue.depth(), "added while claimed: waits for the claim's end");
        queue.done("g");
        assertEquals("g", take());
    }

    private boolean claim(String key, Duration timeout) {
        try {
            return queue.claim(key, timeout);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKeyAddedTwiceWhileWaitingIsTakenOnce() throws Exception {
        queue.add("a");
        queue.add("b");
        queue.add("a");
        assertEquals(2, queue.depth());
        assertEquals("a", take());
        assertEquals("b", take());
        assertEquals(0, queue.depth());
    }

    @Test
    void aKeyAddedWhileProcessingRunsAgainAfterItIsDoneNeverAlongside() throws Exception {
        queue.add("a");
        assertEquals("a", take());
        queue.add("a");
        queue.add("a");
        assertEquals(0, queue.depth(), "not handed to a second worker while the first processes it");
        queue.done("a");
        assertEquals(1, queue.depth());
        assertEquals("a", take());
        queue.done("a");
        assertTrue(queue.isIdle());
    }

    @Test
    void aWorkerWaitsForAKeyAndTakesItWhenAdded() throws Exception {
        CompletableFuture<Optional<String>> taken = takeLater();
        assertFalse(taken.isDone());
        queue.add("x");
        assertEquals(Optional.of("x"), taken.get(5, TimeUnit.SECONDS));
    }

    @Test
    void addAfterQueuesOnceTheDelayPassedAndTheEarliestOfSeveralCounts() {
        queue.addAfter("a", Duration.ofSeconds(5));
        queue.addAfter("a", Duration.ofSeconds(2));
        queue.addAfter("a", Duration.ofSeconds(9));
        assertEquals(0, queue.depth());
        assertEquals(Optional.of(clock.instant().plusSeconds(2)), queue.dueAt("a"));
        clock.advance(Duration.ofMillis(1999));
        assertEquals(0, queue.depth());
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, queue.depth());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, queue.depth(), "the replaced delayed adds do not queue it again");
    }

    @Test
    void aDelayedKeyThatIsAddedMeanwhileRunsAtOnceAndOnlyOnce() throws Exception {
        queue.addAfter("a", Duration.ofSeconds(1));
        queue.add("a");
        assertEquals("a", take());
        queue.done("a");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, queue.depth(), "the delayed add still comes: a retry is a retry");
    }

    @Test
    void rateLimitedAddsBackOffExponentiallyUpToTheCapAndForgetResets() {
        List<Duration> delays = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            delays.add(queue.addRateLimited("a"));
        }
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofSeconds(1)), delays);
        assertEquals(6, queue.failures("a"));
        assertEquals(Duration.ofMillis(100), queue.addRateLimited("b"), "per key");
        queue.forget("a");
        assertEquals(0, queue.failures("a"));
        assertEquals(Duration.ofMillis(100), queue.addRateLimited("a"));
    }

    @Test
    void aRequeueWaitsAtLeastWhatWasAskedAndBacksOffWhenItRepeats() {
        assertEquals(Duration.ofMillis(500), queue.addRateLimited("a", Duration.ofMillis(500)));
        assertEquals(Duration.ofMillis(500), queue.addRateLimited("a", Duration.ofMillis(500)));
        assertEquals(Duration.ofMillis(500), queue.addRateLimited("a", Duration.ofMillis(500)));
        assertEquals(Duration.ofMillis(800), queue.addRateLimited("a", Duration.ofMillis(500)));
    }

    @Test
    void aWaitingWorkerWakesForADelayedKeyWhenItIsDue() throws Exception {
        WorkQueue<String> real = new WorkQueue<>();
        long start = System.nanoTime();
        real.addAfter("a", Duration.ofMillis(150));
        assertEquals(Optional.of("a"), real.take());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150));
    }

    @Test
    void shutDownReleasesWaitingWorkersAndIgnoresLaterAdds() throws Exception {
        CompletableFuture<Optional<String>> taken = takeLater();
        queue.shutDown();
        assertEquals(Optional.empty(), taken.get(5, TimeUnit.SECONDS));
        queue.add("a");
        assertEquals(0, queue.depth());
    }

    /** @return a worker waiting in take() on another thread, given 50 ms to get there */
    private CompletableFuture<Optional<String>> takeLater() throws InterruptedException {
        CompletableFuture<Optional<String>> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        return taken;
    }

    private String take() throws InterruptedException {
        return queue.take().orElseThrow();
    }
}
