package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.osc.itests.TestTrust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin's side of an end-to-end test: JSON over real HTTP to a running OSC, as admin. Paths are relative to
 * {@code /api/}, so both OSC's API ({@code server/v1/...}) and the sample plugins' views ({@code plugins/sample/...})
 * are reached. Counts the writes it sends, so a test can show that OSC followed the cluster without any.
 */
final class OscRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = TestTrust.builder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String auth;
    private final AtomicInteger writes = new AtomicInteger();

    private final String root;

    OscRest(String serverUrl, String password) {
        this(serverUrl, "admin", password);
    }

    /** A client of the given user. */
    OscRest(String serverUrl, String user, String password) {
        this.root = serverUrl;
        this.base = serverUrl + "/api/";
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** @return a client of the same server with another user's credentials (and connections of its own) */
    OscRest as(String user, String password) {
        return new OscRest(root, user, password);
    }

    /**
     * Sends a request without a body and returns the whole response (status, headers, body), whatever the status;
     * a path starting with {@code /} is from the server's root ({@code /metrics}), else under {@code /api/}.
     */
    HttpResponse<String> exchange(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(path.startsWith("/") ? root + path : base + path))
                .header("Authorization", auth).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET that must answer 200; returns the body. */
    JsonNode get(String path) {
        return expect(200, "GET", path, null);
    }

    /** POST that must answer the status; returns the body. */
    JsonNode post(int status, String path, String json) {
        return expect(status, "POST", path, json);
    }

    /** PUT that must answer the status; returns the body. */
    JsonNode put(int status, String path, String json) {
        return expect(status, "PUT", path, json);
    }

    /** DELETE that must answer the status; returns the body (null when empty). */
    JsonNode delete(int status, String path) {
        return expect(status, "DELETE", path, null);
    }

    /** Sends a request and returns its status and body, whatever the status. */
    Answer send(String method, String path, String json) {
        return send(method, path, json, new String[0]);
    }

    /** Sends a request with extra headers (name, value, name, value...) and returns its answer, whatever it is. */
    Answer send(String method, String path, String json, String... headers) {
        HttpResponse<String> response = exchange(auth, method, path, json, headers);
        return new Answer(response.statusCode(), response.body(), response.headers());
    }

    /**
     * Sends a request with the given {@code Authorization} header (another user's, an API token's; null for none)
     * and extra headers (name, value, ...), and returns the whole answer, whatever its status.
     */
    HttpResponse<String> exchange(String authorization, String method, String path, String json,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A status, a body and the headers. */
    record Answer(int status, String body, HttpHeaders headers) {

        /** @return the body as JSON */
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }
    }

    /** @return the status a GET answers */
    int status(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the value as JSON, for request bodies */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return how many POST/PUT/DELETE requests this client sent so far */
    int writes() {
        return writes.get();
    }

    /** Waits (up to two minutes) for the job to complete and requires it to have passed. */
    JsonNode passed(long jobId) {
        JsonNode job = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            job = get("server/v1/jobs/" + jobId);
            if ("COMPLETED".equals(job.path("state").asText())) {
                assertEquals("PASSED", job.path("status").asText(), "job " + jobId + ": " + job);
                return job;
            }
            sleep(100);
        }
        return fail("job " + jobId + " did not complete within two minutes: " + job);
    }

    /** Waits for the job in a reply ({@code jobId}) to pass; returns the reply. */
    JsonNode passedJobOf(JsonNode reply) {
        passed(reply.path("jobId").asLong());
        return reply;
    }

    /**
     * Waits until the condition holds, up to the bound, polling; fails with the description and what
     * {@code state} says at the end (the state OSC shows, for the failure message).
     */
    static void within(Duration bound, String description, BooleanSupplier condition,
            Supplier<Object> state) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(100);
        }
        if (!condition.getAsBoolean()) {
            fail(description + " within " + bound.toSeconds() + " s; state: " + state.get());
        }
    }

    private JsonNode expect(int status, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(60));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (!"GET".equals(method)) {
            writes.incrementAndGet();
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(status, response.statusCode(), method + " " + path + " -> " + response.body());
            return response.body().isBlank() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
