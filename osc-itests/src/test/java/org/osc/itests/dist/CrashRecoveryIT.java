package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.itests.TestTrust;

/**
 * Runs the distribution as a process, writes records over REST, kills the process with SIGKILL right after
 * the last answer, starts it again, and finds every committed record. Prints the start-to-ready times.
 */
class CrashRecoveryIT {

    private static final String PASSWORD = "crash-test-admin";

    @TempDir
    Path home;

    @Test
    void aKilledServerLosesNoCommittedRecord() throws Exception {
        HttpClient client = TestTrust.client();
        try (DistributionProcess server = new DistributionProcess(home, PASSWORD)) {
            Duration cold = server.start();
            int created = 20;
            for (int i = 0; i < created; i++) {
                HttpResponse<String> response = client.send(post(server, "users",
                        "{\"name\":\"user" + i + "\",\"password\":\"password-" + i + "\",\"role\":\"auditor\"}"),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, response.statusCode(), response.body());
            }
            server.kill();

            Duration warm = server.start();
            HttpResponse<String> users = client.send(get(server, "users"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, users.statusCode());
            for (int i = 0; i < created; i++) {
                assertTrue(users.body().contains("\"user" + i + "\""), "user" + i + " survived the kill");
            }
            System.out.printf("BENCH server start-to-ready: first start %d ms, restart after kill -9 %d ms%n",
                    cold.toMillis(), warm.toMillis());
        }
    }

    private static HttpRequest post(DistributionProcess server, String path, String json) {
        return HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization", auth())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpRequest get(DistributionProcess server, String path) {
        return HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization", auth()).build();
    }

    private static String auth() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
