package org.osc.server.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database's connections when its server goes away and comes back (a real H2 server over TCP, stopped and
 * started again on its port), and when every connection is busy: a caller waits for a busy pool up to the
 * connection timeout, but not for a database that is gone, not even the first caller after it went (whose pool
 * still held connections that turned out dead); once the server is back, transactions work again by themselves.
 */
@Timeout(60)
class DatabaseOutageTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private int port;
    private Server server;
    private Database database;

    @BeforeEach
    void open() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = start();
        database = Database.open("jdbc:h2:tcp://127.0.0.1:" + port + "/osc", "", "", 2, TIMEOUT);
    }

    @AfterEach
    void close() {
        database.close();
        server.stop();
    }

    @Test
    void whileTheServerIsGoneEveryTransactionFailsAtOnceAndOnceBackTheyWorkAgain() throws Exception {
        assertEquals(0L, count());
        // Both pooled connections are used, then idle long enough that the pool checks them before handing one out.
        CountDownLatch both = new CountDownLatch(2);
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> holdConnection(both));
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> holdConnection(both));
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        Thread.sleep(700);

        server.stop();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            RuntimeException away = assertThrows(RuntimeException.class, this::count);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(StoreErrors.unreachable(away), away.toString());
            assertTrue(millis < 1000, "attempt " + i + " failed after " + millis + " ms, not the 5 s timeout");
        }
        assertFalse(database.isHealthy());

        server = start();
        long back = System.nanoTime();
        while (!database.isHealthy()) {
            assertTrue(System.nanoTime() - back < TimeUnit.SECONDS.toNanos(10), "healthy again within 10 s");
            Thread.sleep(50);
        }
        assertEquals(0L, count());
    }

    @Test
    void aCallerWaitsForABusyPoolUpToTheTimeout() throws Exception {
        CountDownLatch busy = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> hold(busy, release));
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> hold(busy, release));
        assertTrue(busy.await(10, TimeUnit.SECONDS));
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(this::count);
        Thread.sleep(1500); // several of the pool's own waits
        assertFalse(waiting.isDone(), "still waiting for a connection, not failed: " + waiting);
        release.countDown();
        assertEquals(0L, waiting.get(10, TimeUnit.SECONDS));
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
    }

    private long count() {
        return database.read(s -> s.createNativeQuery("select count(*) from virtualization_connector", Long.class)
                .getSingleResult());
    }

    /** Holds a connection until both callers have one. */
    private void holdConnection(CountDownLatch both) {
        database.read(s -> {
            s.createNativeQuery("select 1", Integer.class).getSingleResult();
            both.countDown();
            await(both);
            return null;
        });
    }

    /** Holds a connection until released. */
    private void hold(CountDownLatch busy, CountDownLatch release) {
        database.read(s -> {
            s.createNativeQuery("select 1", Integer.class).getSingleResult();
            busy.countDown();
            await(release);
            return null;
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(20, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Server start() throws IOException {
        try {
            return Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir",
                    dir.toString()).start();
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
