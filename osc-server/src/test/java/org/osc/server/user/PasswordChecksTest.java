package org.osc.server.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class PasswordChecksTest {

    @Test
    void aFullPoolRefusesAtOnceAndTakesChecksAgainOnceItHasRoom() throws Exception {
        try (PasswordChecks pool = new PasswordChecks(1, 2)) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Boolean> running = pool.submit(() -> await(release), false);
            CompletableFuture<Boolean> first = pool.submit(() -> true, false);
            CompletableFuture<Boolean> second = pool.submit(() -> false, false);
            long start = System.nanoTime();
            assertThrows(TooManyChecksException.class, () -> pool.submit(() -> true, false));
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(50), "refused without waiting");
            release.countDown();
            assertTrue(running.get(10, TimeUnit.SECONDS));
            assertTrue(first.get(10, TimeUnit.SECONDS));
            assertEquals(false, second.get(10, TimeUnit.SECONDS));
            assertTrue(pool.submit(() -> true, false).get(10, TimeUnit.SECONDS), "room again");
        }
    }

    @Test
    void aKnownCredentialHasRoomOfItsOwnAndGoesFirst() throws Exception {
        try (PasswordChecks pool = new PasswordChecks(1, 2)) {
            CountDownLatch release = new CountDownLatch(1);
            List<String> order = new CopyOnWriteArrayList<>();
            pool.submit(() -> await(release), false);
            pool.submit(() -> order.add("flood-1"), false);
            pool.submit(() -> order.add("flood-2"), false);
            assertThrows(TooManyChecksException.class, () -> pool.submit(() -> true, false));
            CompletableFuture<Boolean> known = pool.submit(() -> order.add("known"), true);
            release.countDown();
            known.get(10, TimeUnit.SECONDS);
            pool.submit(() -> true, false).get(10, TimeUnit.SECONDS);
            assertEquals(List.of("known", "flood-1", "flood-2"), order);
        }
    }

    @Test
    void aCheckThatThrowsFailsItsCallerOnlyAndFreesItsPlace() throws Exception {
        try (PasswordChecks pool = new PasswordChecks(1, 0)) {
            CompletableFuture<Boolean> failing = pool.submit(() -> {
                throw new IllegalStateException("broken hash");
            }, false);
            assertThrows(Exception.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertTrue(pool.submit(() -> true, false).get(10, TimeUnit.SECONDS));
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
