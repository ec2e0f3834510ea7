package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database going away under a running server, and coming back: the distribution runs on an H2 database
 * server of the test's own, reached through a TCP relay that the test closes (every connection is cut and no new
 * one is accepted, as when the database host or the network goes down) and opens again. While the database cannot
 * be reached, requests answer 503 with {@code Retry-After} within a second instead of waiting, and the status says
 * {@code ready: false}; once it is back, everything answers again without a restart.
 */
class DatabaseOutageIT {

    private static final String PASSWORD = "outage-test-admin";

    @TempDir
    Path folder;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void requestsAnswer503AtOnceWhileTheDatabaseIsDownAndTheServerRecoversByItself() throws Exception {
        Server database = Server.createTcpServer("-tcpPort", Integer.toString(freePort()), "-ifNotExists", "-baseDir",
                folder.resolve("db").toString()).start();
        int port = freePort();
        Relay relay = new Relay(port, database.getPort());
        try (DistributionProcess server = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            relay.open();
            server.env("OSC_DB_URL", "jdbc:h2:tcp://127.0.0.1:" + port + "/osc");
            server.start();
            assertEquals(200, get(server, "users").statusCode());

            relay.close();
            OscRest.within(Duration.ofSeconds(60), "the status says the database is down", () -> status(server)
                    .contains("\"ready\":false"), () -> status(server));
            assertTrue(status(server).contains("\"state\":\"DOWN\""), status(server));
            long start = System.nanoTime();
            HttpResponse<String> down = get(server, "users");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("1", down.headers().firstValue("Retry-After").orElse(null));
            assertTrue(down.body().contains("database"), down.body());
            assertFalse(down.body().contains("jdbc:"), "no internals: " + down.body());
            assertTrue(millis < 1000, "answered in " + millis + " ms");

            relay.open();
            OscRest.within(Duration.ofSeconds(60), "requests answer again", () -> get(server, "users")
                    .statusCode() == 200, () -> get(server, "users").body());
            assertTrue(status(server).contains("\"ready\":true"), status(server));
        } finally {
            relay.close();
            database.stop();
        }
    }

    private HttpResponse<String> get(DistributionProcess server, String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(
                            StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String status(DistributionProcess server) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(server.base() + "serverManagement/status"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Relays TCP connections from a local port to the database's, until closed; can be opened again. */
    private static final class Relay {
        private final int port;
        private final int target;
        private final Set<Closeable> open = ConcurrentHashMap.newKeySet();

        Relay(int port, int target) {
            this.port = port;
            this.target = target;
        }

        void open() throws IOException {
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress("127.0.0.1", port));
            open.add(listener);
            daemon(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket client = listener.accept();
                        Socket db = new Socket("127.0.0.1", target);
                        open.add(client);
                        open.add(db);
                        pump(client, db);
                        pump(db, client);
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
        }

        /** Cuts every connection and stops accepting new ones. */
        void close() {
            for (Closeable c : open) {
                try {
                    c.close();
                } catch (IOException e) {
                    // already closed
                }
            }
            open.clear();
        }

        private static void daemon(Runnable work) {
            Thread thread = new Thread(work, "db-relay");
            thread.setDaemon(true);
            thread.start();
        }

        private static void pump(Socket from, Socket to) {
            daemon(() -> {
                try {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException e) {
                    // cut
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            });
        }
    }
}
