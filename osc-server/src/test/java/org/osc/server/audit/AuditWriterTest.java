package org.osc.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AuditWriterTest {

    /** A store in memory that can be made to refuse (an outage) or to wait (a slow database). */
    static final class MemoryStore implements AuditStore {
        final List<AuditRecord> stored = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger refused = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public void insert(List<AuditRecord> records) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (down.get()) {
                refused.incrementAndGet();
                throw new IllegalStateException("The database cannot be reached");
            }
            batches.add(records.size());
            stored.addAll(records);
        }

        @Override
        public List<AuditRecord> find(AuditQuery query) {
            return List.copyOf(stored);
        }

        @Override
        public int prune(Instant before) {
            return 0;
        }
    }

    static AuditRecord record(int n) {
        return new AuditRecord(0, Instant.EPOCH.plusSeconds(n), AuditRecord.REQUEST, "admin", null, "admin",
                "127.0.0.1", "POST", "/server/v1/catalog", "APPLIANCE", Integer.toString(n), 201, null, "r" + n, null);
    }

    @Test
    void recordsQueuedWhileTheStoreIsBusyAreWrittenInBatchesInOrder() throws Exception {
        MemoryStore store = new MemoryStore();
        store.gate = new CountDownLatch(1);
        try (AuditWriter writer = new AuditWriter(store, 1000, 50, Duration.ZERO, Duration.ofMillis(10), () -> { })) {
            for (int i = 0; i < 120; i++) {
                assertTrue(writer.offer(record(i)));
            }
            store.gate.countDown();
            assertTrue(writer.flush(Duration.ofSeconds(10)));
            assertEquals(120, store.stored.size());
            for (int i = 0; i < 120; i++) {
                assertEquals("r" + i, store.stored.get(i).requestId());
            }
            // the first record was taken alone while the store waited; the rest came in batches of at most 50
            assertTrue(store.batches.size() <= 4, "batches: " + store.batches);
            assertTrue(store.batches.stream().allMatch(b -> b <= 50), "batches: " + store.batches);
            assertEquals(120, writer.written());
            assertEquals(0, writer.dropped());
        }
    }

    @Test
    void aTrickleOfRecordsIsGatheredForTheLinger() throws Exception {
        MemoryStore store = new MemoryStore();
        try (AuditWriter writer = new AuditWriter(store, 1000, 200, Duration.ofMillis(400), Duration.ofMillis(10),
                () -> { })) {
            for (int i = 0; i < 20; i++) {
                assertTrue(writer.offer(record(i)));
                Thread.sleep(5);
            }
            assertTrue(writer.flush(Duration.ofSeconds(10)));
            assertEquals(20, store.stored.size());
            assertTrue(store.batches.size() <= 3, "a transaction per linger, not per record: " + store.batches);
        }
    }

    @Test
    void anOutageDelaysRecordsButLosesNoneAndWritesNoneTwice() throws Exception {
        MemoryStore store = new MemoryStore();
        store.down.set(true);
        try (AuditWriter writer = new AuditWriter(store, 1000, 20, Duration.ofMillis(50), Duration.ofMillis(5),
                () -> { })) {
            for (int i = 0; i < 60; i++) {
                assertTrue(writer.offer(record(i)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.refused.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(store.refused.get() >= 3, "the writer tried again during the outage");
            assertTrue(writer.storeDown());
            assertEquals(60, writer.pending());
            assertTrue(store.stored.isEmpty());
            store.down.set(false);
            assertTrue(writer.flush(Duration.ofSeconds(15)));
            assertEquals(60, store.stored.size());
            assertEquals(60, store.stored.stream().map(AuditRecord::requestId).distinct().count());
            assertFalse(writer.storeDown());
        }
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() throws Exception {
        MemoryStore store = new MemoryStore();
        store.gate = new CountDownLatch(1);
        AtomicInteger metric = new AtomicInteger();
        try (AuditWriter writer = new AuditWriter(store, 10, 5, Duration.ZERO, Duration.ofMillis(5),
                metric::incrementAndGet)) {
            assertTrue(writer.offer(record(0)));
            // the writer takes the first record and waits in the store; then the queue holds 10
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (writer.queued() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(0, writer.queued());
            int accepted = 0;
            long started = System.nanoTime();
            for (int i = 1; i <= 30; i++) {
                if (writer.offer(record(i))) {
                    accepted++;
                }
            }
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "offer never blocks");
            assertEquals(10, accepted);
            assertEquals(20, writer.dropped());
            assertEquals(20, metric.get());
            store.gate.countDown();
            assertTrue(writer.flush(Duration.ofSeconds(10)));
            assertEquals(11, store.stored.size());
        }
    }

    @Test
    void closingWritesWhatWaits() throws Exception {
        MemoryStore store = new MemoryStore();
        AuditWriter writer = new AuditWriter(store, 100, 10, Duration.ofMillis(20), Duration.ofMillis(5), () -> { });
        for (int i = 0; i < 25; i++) {
            writer.offer(record(i));
        }
        writer.close(Duration.ofSeconds(10));
        assertEquals(25, store.stored.size());
        assertFalse(writer.offer(record(99)), "a closed writer takes nothing");
        assertEquals(1, writer.dropped());
    }
}
