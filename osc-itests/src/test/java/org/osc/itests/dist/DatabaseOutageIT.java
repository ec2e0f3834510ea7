package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;

import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database going away under a running server, and coming back: the distribution runs on an H2 database
 * server of the test's own, which the test stops and starts again. While it is down, requests answer 503 with
 * {@code Retry-After} within a second instead of waiting, and the status says {@code ready: false}; once it is
 * back, everything answers again without a restart.
 */
class DatabaseOutageIT {

    private static final String PASSWORD = "outage-test-admin";

    @TempDir
    Path folder;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void requestsAnswer503AtOnceWhileTheDatabaseIsDownAndTheServerRecoversByItself() throws Exception {
        int port = freePort();
        Server database = h2(port);
        try (DistributionProcess server = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            server.env("OSC_DB_URL", "jdbc:h2:tcp://127.0.0.1:" + port + "/osc");
            server.start();
            assertEquals(200, get(server, "users").statusCode());

            database.stop();
            OscRest.within(Duration.ofSeconds(30), "the status says the database is down", () -> status(server)
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

            database = h2(port);
            OscRest.within(Duration.ofSeconds(30), "requests answer again", () -> get(server, "users")
                    .statusCode() == 200, () -> get(server, "users").body());
            assertTrue(status(server).contains("\"ready\":true"), status(server));
        } finally {
            database.stop();
        }
    }

    private Server h2(int port) throws SQLException {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir",
                folder.resolve("db").toString()).start();
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
}
