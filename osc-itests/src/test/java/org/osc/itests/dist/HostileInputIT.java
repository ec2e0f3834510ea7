package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.itests.TestTrust;
import org.postgresql.Driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The distribution, on H2 and on PostgreSQL (when {@code OSC_TEST_PG_URL} names one), against hostile input over
 * HTTP: every limit is a 400 naming the field, a body over the limit a 413 (also to a client that streams all of a
 * 25 MiB body before it reads), a path encoding the HTTP server refuses itself OSC's problem+json 400, credentials
 * no user can have a 401, 20 parallel creates of one name one 201 and nineteen 409s, and never a 500. Afterwards
 * the server's log holds no forged line, no secret that was sent, and no unexpected error.
 */
class HostileInputIT {

    private static final String PASSWORD = "hostile-input-admin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_SECRET = "LONGSECRET-".repeat(200);
    private static final String FORGED = "2099-01-01 00:00:00,000 ERROR [main] FORGED - line";
    private static final String PROBLEM = "application/problem+json";
    /** A body far over the 1 MiB limit, under the 32 MiB the server drains before it answers 413. */
    private static final int STREAMED_BYTES = 25 * 1024 * 1024;

    @TempDir
    Path home;

    private final HttpClient client = TestTrust.builder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Integer> statuses = new ArrayList<>();
    private DistributionProcess server;

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void hostileInputIsRefusedPreciselyAndNeverFailsTheServer(String kind) throws Exception {
        try (DistributionProcess started = new DistributionProcess(home, PASSWORD)) {
            server = started;
            if (kind.equals("postgresql")) {
                usePostgresql(started);
            }
            started.start();
            awaitPlugins();

            limitsAreInvalidRequestsNamingTheField();
            typesAreStrict();
            credentialsNoUserCanHaveAre401();
            bodiesOverTheLimitAre413();
            pathsAndQueriesAreChecked();
            parallelCreatesOfOneNameAreOneCreatedAndConflicts();
            controllerAttributesAreCheckedAndTheirSecretsNeverLogged();

            assertTrue(statuses.stream().allMatch(s -> s < 500), "no 500: " + statuses);
            String log = Files.readString(home.resolve("data/logs/osc.log"));
            assertFalse(log.lines().anyMatch(line -> line.startsWith("2099-01-01")), "no forged line");
            assertFalse(log.contains("LONGSECRET"), "no secret in the log");
            assertFalse(log.contains("Unexpected error"), "no unexpected error in the log: " + log.lines()
                    .dropWhile(line -> !line.contains("Unexpected error")).limit(40).toList());
        }
    }

    private void limitsAreInvalidRequestsNamingTheField() throws Exception {
        expect(400, "model", "POST", "catalog", "{\"model\":\"a\\u0000b\",\"managerType\":\"SampleManager\","
                + "\"managerVersion\":\"1\"}");
        expect(400, "model", "POST", "catalog", "{\"model\":" + JSON.writeValueAsString("x\n" + FORGED)
                + ",\"managerType\":\"SampleManager\",\"managerVersion\":\"1\"}");
        expect(400, "model", "POST", "catalog", "{\"model\":\"" + "m".repeat(256) + "\",\"managerType\":"
                + "\"SampleManager\",\"managerVersion\":\"1\"}");
        expect(400, "name", "POST", "users", "{\"name\":\"a\\u0000\",\"password\":\"long-enough\",\"role\":\"admin\"}");
        expect(400, "password", "POST", "users", "{\"name\":\"longpw\",\"password\":\"" + "p".repeat(73)
                + "\",\"role\":\"admin\"}");
        expect(400, "password", "PUT", "users/admin", "{\"password\":\"" + LONG_SECRET + "\"}");
        expect(400, "password", "POST", "applianceManagerConnectors", "{\"name\":\"mc-long\",\"managerType\":"
                + "\"SampleManager\",\"ipAddress\":\"127.0.0.1\",\"username\":\"u\",\"password\":\"" + LONG_SECRET
                + "\"}");
        expect(400, "password", "POST", "applianceManagerConnectors", "{\"name\":\"mc-nul\",\"managerType\":"
                + "\"SampleManager\",\"ipAddress\":\"127.0.0.1\",\"username\":\"u\",\"password\":\"x\\u0000y\"}");
        expect(400, "kubeconfig", "POST", "virtualizationConnectors", "{\"name\":\"vc-big\",\"controllerType\":"
                + "\"SampleSdn\",\"kubeconfig\":\"" + "k".repeat(70_000) + "\"}");
        expect(400, "name", "POST", "virtualizationConnectors", "{\"name\":\"vc\\u2028x\",\"controllerType\":"
                + "\"SampleSdn\",\"inCluster\":true}");
    }

    /** Secret controller attributes in refused requests: named, never echoed nor logged (checked at the end). */
    private void controllerAttributesAreCheckedAndTheirSecretsNeverLogged() throws Exception {
        String head = "{\"name\":\"vc-attributes\",\"controllerType\":\"SampleSdn\",\"inCluster\":true,"
                + "\"controllerAttributes\":";
        expect(400, "controllerAttributes.north bound", "POST", "virtualizationConnectors", head
                + "{\"north bound\":\"x\",\"clientKey\":\"" + LONG_SECRET + "\"}}");
        expect(400, "controllerAttributes.clientKey", "POST", "virtualizationConnectors", head
                + "{\"clientKey\":\"" + LONG_SECRET + "\\u0007\"}}");
        expect(400, "controllerAttributes.clientKey", "POST", "virtualizationConnectors", head
                + "{\"clientKey\":12345}}");
        JsonNode refused = expect(422, "controllerAttributes", "POST", "virtualizationConnectors", head
                + "{\"clientKey\":" + JSON.writeValueAsString(LONG_SECRET + "\n" + FORGED) + "}}");
        assertEquals("clientKey: unknown attribute; the sample SDN controller takes none",
                refused.path("errors").path(0).path("message").asText());
        JsonNode list = expect(200, null, "GET", "virtualizationConnectors", null);
        assertFalse(list.toString().contains("vc-attributes"), "nothing stored");
    }

    private void typesAreStrict() throws Exception {
        JsonNode wrong = expect(400, "password", "POST", "users",
                "{\"name\":\"typed\",\"password\":12345678,\"role\":\"auditor\"}");
        assertEquals("must be a string", wrong.path("errors").path(0).path("message").asText());
        expect(400, "managerConnectorId", "POST", "distributedAppliances",
                "{\"name\":\"da\",\"managerConnectorId\":1.5}");
        expect(400, "managerConnectorId", "POST", "distributedAppliances",
                "{\"name\":\"da\",\"managerConnectorId\":\"1\"}");
    }

    private void credentialsNoUserCanHaveAre401() throws Exception {
        assertEquals(401, send(request("jobs", "admin", "x".repeat(200)).GET()).statusCode());
        assertEquals(401, send(request("jobs", "ad\u0000min", PASSWORD).GET()).statusCode());
        assertEquals(401, send(request("jobs", "admin\n" + FORGED, PASSWORD).GET()).statusCode());
        assertEquals(200, send(request("jobs", "admin", PASSWORD).GET()).statusCode());
    }

    private void bodiesOverTheLimitAre413() throws Exception {
        assertEquals(413, declaredOversizedStatus(25 * 1024 * 1024), "a declared 25 MiB body");
        for (int run = 0; run < 10; run++) {
            assertEquals("413 after " + STREAMED_BYTES + " bytes sent", streamedOversizedAnswer(),
                    "run " + run + ": a 25 MiB body streamed at full speed");
        }
        byte[] chunked = ("{\"model\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        Supplier<java.io.InputStream> stream = () -> new ByteArrayInputStream(chunked);
        HttpResponse<String> undeclared = send(request("catalog", "admin", PASSWORD)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(stream)));
        assertEquals(413, undeclared.statusCode(), undeclared.body());
    }

    private void pathsAndQueriesAreChecked() throws Exception {
        expect(400, "limit", "GET", "jobs?limit=abc", null);
        expect(400, "limit", "GET", "jobs?limit=-1", null);
        JsonNode appliance = expect(201, null, "POST", "catalog",
                "{\"model\":\"plain\",\"managerType\":\"SampleManager\",\"managerVersion\":\"1\"}");
        long id = appliance.path("id").asLong();
        expect(200, null, "GET", "catalog/" + id, null);
        expect(404, null, "GET", "catalog/" + id + ";x", null);
        // The HTTP server refuses these encodings in paths before OSC's API sees them: still OSC's problem+json.
        for (String encoded : List.of("%00", "%0A", "%7F", "%5C", "%2F")) {
            for (String method : List.of("GET", "DELETE")) {
                HttpResponse<String> refused = send(request("users/a" + encoded + "b", "admin", PASSWORD)
                        .method(method, HttpRequest.BodyPublishers.noBody()));
                String what = method + " " + encoded + ": " + refused.body();
                assertEquals(400, refused.statusCode(), what);
                assertEquals(PROBLEM, refused.headers().firstValue("Content-Type").orElse(""), what);
                JsonNode problem = JSON.readTree(refused.body());
                assertEquals(400, problem.path("status").asInt(), what);
                assertFalse(problem.path("title").asText().isEmpty() || problem.path("detail").asText().isEmpty(),
                        what);
                assertTrue(problem.path("type").asText().startsWith("urn:osc:problem:"), what);
                assertFalse(refused.body().contains("<") || refused.body().toLowerCase().contains("jetty")
                        || refused.body().contains("java") || refused.body().contains("Exception"), what);
            }
        }
        // What reaches OSC names no user.
        expect(404, null, "GET", "users/a%E2%80%A8b", null);
    }

    private void parallelCreatesOfOneNameAreOneCreatedAndConflicts() throws Exception {
        race("users", "{\"name\":\"racer\",\"password\":\"racer-password\",\"role\":\"auditor\"}", "name");
        long appliance = race("catalog", "{\"model\":\"raced\",\"managerType\":\"SampleManager\","
                + "\"managerVersion\":\"1\"}", "model");
        race("catalog/" + appliance + "/versions", "{\"swVersion\":\"1.0\",\"virtualizationVersion\":\"1.30\","
                + "\"imageUrl\":\"registry.example/vnf:1.0\"}", "swVersion");
        race("applianceManagerConnectors", "{\"name\":\"mc-raced\",\"managerType\":\"SampleManager\","
                + "\"ipAddress\":\"127.0.0.1\",\"username\":\"admin\",\"password\":\"secret-1\"}", "name");
    }

    /** Sends 20 identical creates at once; one is created (its id returned), the others are 409 on the field. */
    private long race(String path, String json, String field) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(client.sendAsync(request(path, "admin", PASSWORD).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> replies = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> reply : all) {
            replies.add(reply.get());
        }
        Map<Integer, Long> counts = replies.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        replies.forEach(r -> statuses.add(r.statusCode()));
        assertEquals(Map.of(201, 1L, 409, 19L), counts, path + ": " + replies.stream()
                .filter(r -> r.statusCode() != 201 && r.statusCode() != 409).map(HttpResponse::body).toList());
        long id = 0;
        for (HttpResponse<String> reply : replies) {
            JsonNode body = JSON.readTree(reply.body());
            if (reply.statusCode() == 409) {
                assertEquals(field, body.path("errors").path(0).path("field").asText(), reply.body());
            } else {
                id = body.path("id").asLong();
            }
        }
        return id;
    }

    private JsonNode expect(int status, String field, String method, String path, String json) throws Exception {
        HttpRequest.Builder builder = request(path, "admin", PASSWORD);
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        HttpResponse<String> reply = send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
        assertEquals(status, reply.statusCode(), method + " " + path + ": " + reply.body());
        JsonNode body = reply.body().isBlank() ? JSON.nullNode() : JSON.readTree(reply.body());
        if (field != null) {
            assertEquals(field, body.path("errors").path(0).path("field").asText(), reply.body());
        }
        assertFalse(reply.body().contains("Exception"), reply.body());
        assertFalse(reply.body().contains("LONGSECRET"), "a secret is never echoed");
        return body;
    }

    /**
     * Sends the head of a request that declares a body of that length, and a few bytes of it, then reads the answer:
     * OSC refuses it by the declared length, without waiting for the rest of the body.
     */
    private int declaredOversizedStatus(long length) throws IOException {
        URI uri = URI.create(server.base() + "catalog");
        try (java.net.Socket socket = TestTrust.context().getSocketFactory().createSocket(uri.getHost(),
                uri.getPort())) {
            socket.setSoTimeout(30_000);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                            .getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n{\"model\":\"xx";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            int code = Integer.parseInt(status.split(" ")[1]);
            statuses.add(code);
            return code;
        }
    }

    /**
     * Sends the head of a request declaring a 25 MiB body, then the whole body at full speed, while another thread
     * reads the answer: the client sees the 413, and can send its whole body first (the server reads and discards
     * it before answering, instead of closing a connection with unread data, which the client sees as a reset).
     *
     * @return the status and how much of the body was sent, e.g. {@code "413 after 26214400 bytes sent"}
     */
    private String streamedOversizedAnswer() throws Exception {
        URI uri = URI.create(server.base() + "catalog");
        try (java.net.Socket socket = TestTrust.context().getSocketFactory().createSocket(uri.getHost(),
                uri.getPort())) {
            socket.setSoTimeout(30_000);
            CompletableFuture<String> status = CompletableFuture.supplyAsync(() -> {
                try {
                    return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                            StandardCharsets.US_ASCII)).readLine();
                } catch (IOException e) {
                    return "no answer: " + e.getMessage();
                }
            });
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                            .getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + STREAMED_BYTES + "\r\n\r\n";
            long sent = 0;
            try {
                java.io.OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'x');
                while (sent < STREAMED_BYTES) {
                    int n = (int) Math.min(chunk.length, STREAMED_BYTES - sent);
                    out.write(chunk, 0, n);
                    sent += n;
                }
                out.flush();
            } catch (IOException e) {
                // the server closed before the whole body was sent; the answer tells the rest
            }
            String line = status.get(60, java.util.concurrent.TimeUnit.SECONDS);
            String[] parts = line == null ? new String[0] : line.split(" ");
            if (parts.length > 1) {
                statuses.add(Integer.parseInt(parts[1]));
                return parts[1] + " after " + sent + " bytes sent";
            }
            return line + " after " + sent + " bytes sent";
        }
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        return HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> reply = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        statuses.add(reply.statusCode());
        return reply;
    }

    private void awaitPlugins() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (JSON.readTree(send(request("plugins", "admin", PASSWORD).GET()).body()).path("items").size() < 3) {
            assertTrue(System.nanoTime() < deadline, "the distribution's three plugins ready");
            Thread.sleep(200);
        }
    }

    private static void usePostgresql(DistributionProcess process) throws Exception {
        String url = System.getenv("OSC_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if (System.getenv("OSC_REQUIRE_PG") != null) {
                throw new IllegalStateException("OSC_REQUIRE_PG is set but OSC_TEST_PG_URL is not");
            }
            Assumptions.abort("No PostgreSQL test server (OSC_TEST_PG_URL)");
        }
        String user = System.getenv().getOrDefault("OSC_TEST_PG_USER", "osc");
        String password = System.getenv().getOrDefault("OSC_TEST_PG_PASSWORD", "");
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        // The driver itself, not DriverManager: the Pax Exam tests before this one in the same JVM can leave
        // DriverManager with a class loader that does not see the driver.
        try (Connection connection = new Driver().connect(url, credentials);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
        process.env("OSC_DB_URL", url).env("OSC_DB_USER", user).env("OSC_DB_PASSWORD", password);
    }
}
