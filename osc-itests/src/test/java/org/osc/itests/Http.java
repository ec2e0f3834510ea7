package org.osc.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small REST client for the tests: real HTTPS to the server under test, trusting the certificate it generated
 * under its home's {@code data/tls/} (see {@link TestTrust}).
 */
final class Http {

    /** A response: status, content type and body parsed as JSON (null when empty). */
    record Reply(int status, String contentType, JsonNode json, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = TestTrust.builder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(int port) {
        this.base = "https://127.0.0.1:" + port + "/api/";
        TestTrust.trust(AssembledRuntime.home().resolve("data").resolve("tls").resolve("server.crt"));
    }

    Reply get(String path, String user, String password) {
        return send(request(path, user, password).GET(), path);
    }

    Reply post(String path, String user, String password, String json) {
        return send(request(path, user, password).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), path);
    }

    Reply put(String path, String user, String password, String json) {
        return send(request(path, user, password).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), path);
    }

    Reply postBytes(String path, String user, String password, byte[] body) {
        return send(request(path, user, password).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), path);
    }

    Reply delete(String path, String user, String password) {
        return send(request(path, user, password).DELETE(), path);
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder, String path) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body == null || body.isBlank() ? null : parse(body);
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json,
                    body);
        } catch (IOException e) {
            throw new IllegalStateException("Request to " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Waits until the server answers its status, or fails after the timeout. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Reply status = get("server/v1/serverManagement/status", null, null);
                if (status.status() == 200 && status.json() != null && status.json().path("ready").asBoolean()) {
                    return;
                }
            } catch (IllegalStateException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The server did not answer within " + timeout);
    }
}
