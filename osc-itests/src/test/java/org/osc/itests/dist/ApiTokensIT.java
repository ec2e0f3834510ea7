package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * API tokens over real HTTP against the distribution, on H2 and PostgreSQL ({@link TestDatabase}): a token is made,
 * used, listed and revoked (then 401), expires (then 401), an auditor's token cannot write (403), a user whose role
 * drops loses the token's higher power at once, a removed user's tokens stop working (401); the REST contract's
 * refusals (400 naming the field, 409, 404 for another's token); oscctl with {@code --api-token} and
 * {@code OSC_TOKEN}. Prints how many authenticated GETs a second the server answers with a token and with Basic.
 */
class ApiTokensIT {

    private static final String PASSWORD = "api-tokens-admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private OscRest rest;
    private DistributionProcess server;

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void theLifeOfATokenOverHttp(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.start(kind, folder);
                DistributionProcess started = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            server = started;
            database.configure(server);
            server.start();
            rest = new OscRest(server.url(), PASSWORD);
            rest.post(201, "server/v1/users",
                    "{\"name\":\"carol\",\"password\":\"carol-password\",\"role\":\"auditor\"}");
            rest.post(201, "server/v1/users", "{\"name\":\"dave\",\"password\":\"dave-password\",\"role\":\"admin\"}");

            aTokenIsUsedListedAndRevoked();
            theContractRefusesBadInputNamingTheField();
            anAuditorsTokenReadsButCannotWrite();
            aUserWhoseRoleDropsLosesTheTokensPowerAtOnceAndARemovedUsersTokenStops();
            anExpiredTokenIsRefused();
            oscctlAuthenticatesWithAToken();
            throughput(kind);
        }
    }

    private void aTokenIsUsedListedAndRevoked() {
        JsonNode created = rest.post(201, "server/v1/tokens", "{\"name\":\"ci\",\"expiresIn\":\"30d\"}");
        String secret = created.path("secret").asText();
        long id = created.path("id").asLong();
        assertTrue(secret.matches("osc_" + id + "_[A-Za-z0-9_-]{43}"), created.toString());
        assertEquals("admin", created.path("role").asText());
        assertEquals("admin", created.path("user").asText());
        Instant expires = Instant.parse(created.path("expiresAt").asText());
        assertTrue(Duration.between(Instant.now(), expires).toDays() >= 29, created.toString());

        // the token works for reads and writes (its role is admin), and only as a bearer token
        assertEquals(200, call(bearer(secret), "GET", "server/v1/virtualizationConnectors", null).statusCode());
        assertEquals(201, call(bearer(secret), "POST", "server/v1/users",
                "{\"name\":\"erin\",\"password\":\"erin-password\",\"role\":\"auditor\"}").statusCode());
        assertEquals(204, call(bearer(secret), "DELETE", "server/v1/users/erin", null).statusCode());
        assertEquals(401, call(basic("admin", secret), "GET", "server/v1/virtualizationConnectors", null)
                .statusCode());
        // a token cannot make tokens
        HttpResponse<String> minted = call(bearer(secret), "POST", "server/v1/tokens", "{\"name\":\"more\"}");
        assertEquals(403, minted.statusCode(), minted.body());

        JsonNode listed = rest.get("server/v1/tokens");
        assertEquals(1, listed.path("items").size(), listed.toString());
        JsonNode item = listed.path("items").get(0);
        assertEquals("ci", item.path("name").asText());
        assertFalse(item.has("secret") || listed.toString().contains(secret.substring(secret.length() - 43)),
                "a list never shows the secret: " + listed);
        assertFalse(item.path("lastUsedAt").isMissingNode() || item.path("lastUsedAt").isNull(), listed.toString());
        JsonNode one = rest.get("server/v1/tokens/" + id);
        assertFalse(one.has("secret"), one.toString());

        rest.delete(204, "server/v1/tokens/" + id);
        HttpResponse<String> revoked = call(bearer(secret), "GET", "server/v1/virtualizationConnectors", null);
        assertEquals(401, revoked.statusCode(), revoked.body());
        assertTrue(revoked.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                revoked.headers().map().toString());
        assertTrue(revoked.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        rest.delete(404, "server/v1/tokens/" + id);
        // unknown, malformed and revoked tokens are refused alike
        String unknown = "osc_987654_" + secret.substring(secret.length() - 43);
        String vcs = "server/v1/virtualizationConnectors";
        assertEquals(revoked.body(), call(bearer(unknown), "GET", vcs, null).body());
        assertEquals(revoked.body(), call(bearer("not-a-token"), "GET", vcs, null).body());
    }

    private void theContractRefusesBadInputNamingTheField() {
        rest.post(201, "server/v1/tokens", "{\"name\":\"dup\"}");
        assertEquals("name", field(rest.post(409, "server/v1/tokens", "{\"name\":\"dup\"}")));
        assertEquals("name", field(rest.post(400, "server/v1/tokens", "{\"name\":\"no spaces\"}")));
        assertEquals("name", field(rest.post(400, "server/v1/tokens", "{}")));
        assertEquals("expiresAt", field(rest.post(400, "server/v1/tokens",
                "{\"name\":\"old\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}")));
        assertEquals("expiresAt", field(rest.post(400, "server/v1/tokens",
                "{\"name\":\"odd\",\"expiresAt\":\"tomorrow\"}")));
        assertEquals("expiresIn", field(rest.post(400, "server/v1/tokens",
                "{\"name\":\"long\",\"expiresIn\":\"2y\"}")));
        assertEquals("role", field(rest.post(400, "server/v1/tokens", "{\"name\":\"r\",\"role\":\"root\"}")));
        HttpResponse<String> up = call(basic("carol", "carol-password"), "POST", "server/v1/tokens",
                "{\"name\":\"up\",\"role\":\"admin\"}");
        assertEquals(400, up.statusCode(), up.body());
        assertEquals("role", field(parse(up.body())));

        long adminsToken = rest.get("server/v1/tokens").path("items").get(0).path("id").asLong();
        assertEquals(404, call(basic("carol", "carol-password"), "GET", "server/v1/tokens/" + adminsToken, null)
                .statusCode());
        assertEquals(404, call(basic("carol", "carol-password"), "DELETE", "server/v1/tokens/" + adminsToken, null)
                .statusCode());
        assertEquals(403, call(basic("carol", "carol-password"), "GET", "server/v1/tokens?all=true", null)
                .statusCode());
        assertEquals(404, rest.send("GET", "server/v1/tokens/x", null).status());
        assertEquals(1, rest.get("server/v1/tokens?user=admin").path("items").size());
        rest.delete(204, "server/v1/tokens/" + adminsToken);
    }

    private void anAuditorsTokenReadsButCannotWrite() {
        HttpResponse<String> made = call(basic("carol", "carol-password"), "POST", "server/v1/tokens",
                "{\"name\":\"dashboards\"}");
        assertEquals(201, made.statusCode(), made.body());
        JsonNode token = parse(made.body());
        assertEquals("auditor", token.path("role").asText());
        String secret = token.path("secret").asText();
        assertEquals(200, call(bearer(secret), "GET", "server/v1/virtualizationConnectors", null).statusCode());
        HttpResponse<String> write = call(bearer(secret), "POST", "server/v1/users",
                "{\"name\":\"mallory\",\"password\":\"mallory-password\",\"role\":\"admin\"}");
        assertEquals(403, write.statusCode(), write.body());
        assertEquals(403, call(bearer(secret), "PUT", "server/v1/users/carol", "{\"password\":\"new-password\"}")
                .statusCode());
        assertEquals(403, call(bearer(secret), "DELETE", "server/v1/tokens/" + token.path("id").asLong(), null)
                .statusCode());
        // an admin's token made with the auditor role cannot write either
        JsonNode readOnly = rest.post(201, "server/v1/tokens", "{\"name\":\"read-only\",\"role\":\"auditor\"}");
        assertEquals(403, call(bearer(readOnly.path("secret").asText()), "POST", "server/v1/users",
                "{\"name\":\"mallory\",\"password\":\"mallory-password\",\"role\":\"admin\"}").statusCode());
        assertEquals(3, rest.get("server/v1/users").path("items").size(), "no user was added");
        assertEquals(2, rest.get("server/v1/tokens?all=true").path("items").size());
    }

    private void aUserWhoseRoleDropsLosesTheTokensPowerAtOnceAndARemovedUsersTokenStops() {
        HttpResponse<String> made = call(basic("dave", "dave-password"), "POST", "server/v1/tokens",
                "{\"name\":\"ops\"}");
        String secret = parse(made.body()).path("secret").asText();
        String frank = "{\"name\":\"frank\",\"password\":\"frank-password\",\"role\":\"auditor\"}";
        assertEquals(201, call(bearer(secret), "POST", "server/v1/users", frank).statusCode());
        rest.put(200, "server/v1/users/dave", "{\"role\":\"auditor\"}");
        assertEquals(403, call(bearer(secret), "DELETE", "server/v1/users/frank", null).statusCode());
        assertEquals(200, call(bearer(secret), "GET", "server/v1/virtualizationConnectors", null).statusCode());

        rest.delete(204, "server/v1/users/dave");
        assertEquals(401, call(bearer(secret), "GET", "server/v1/virtualizationConnectors", null).statusCode());
        assertEquals(0, rest.get("server/v1/tokens?user=dave").path("items").size());
    }

    private void anExpiredTokenIsRefused() throws InterruptedException {
        JsonNode created = rest.post(201, "server/v1/tokens", "{\"name\":\"brief\",\"expiresIn\":\"3s\"}");
        String secret = created.path("secret").asText();
        Instant expires = Instant.parse(created.path("expiresAt").asText());
        assertEquals(200, call(bearer(secret), "GET", "server/v1/jobs", null).statusCode());
        int status = 200;
        while (status == 200 && Instant.now().isBefore(expires.plusSeconds(10))) {
            Thread.sleep(200);
            status = call(bearer(secret), "GET", "server/v1/jobs", null).statusCode();
        }
        assertEquals(401, status);
        assertFalse(Instant.now().isBefore(expires), "refused only once expired");
        // it is still listed (with its expiry) until revoked
        assertEquals(expires.toString(), rest.get("server/v1/tokens/" + created.path("id").asLong())
                .path("expiresAt").asText());
    }

    private void oscctlAuthenticatesWithAToken() throws Exception {
        Map<String, String> admin = Map.of("OSC_USER", "admin", "OSC_PASSWORD", PASSWORD);
        Run created = oscctl(admin, "tokens", "create", "cli", "--expires", "1d");
        assertEquals(0, created.code(), created.toString());
        String secret = created.out().strip();
        assertTrue(secret.startsWith("osc_") && created.err().contains("only time"), created.toString());

        Run listed = oscctl(Map.of(), "--api-token", secret, "list", "vc");
        assertEquals(0, listed.code(), listed.toString());
        Run mine = oscctl(Map.of("OSC_TOKEN", secret), "tokens", "-o", "json");
        assertEquals(0, mine.code(), mine.toString());
        assertTrue(mine.out().contains("\"cli\"") && !mine.out().contains(secret), mine.toString());
        Run refused = oscctl(Map.of("OSC_TOKEN", secret), "tokens", "create", "more");
        assertEquals(5, refused.code(), refused.toString());

        Run revoked = oscctl(admin, "tokens", "revoke", "cli");
        assertEquals(0, revoked.code(), revoked.toString());
        Run after = oscctl(Map.of("OSC_TOKEN", secret), "list", "vc");
        assertEquals(5, after.code(), after.toString());
        assertTrue(after.err().startsWith("error: 401 ") && after.err().contains("revoked or expired"),
                after.toString());
    }

    /**
     * Authenticated GETs a second, 8 clients, with a token and with Basic, in alternating rounds of 2 s (the best
     * round of each counts: other work on the machine only ever slows a round down). Printed; a token check costs
     * no more than a remembered Basic check, so a token must not be much slower.
     */
    private void throughput(String kind) throws Exception {
        String secret = rest.post(201, "server/v1/tokens", "{\"name\":\"load\"}").path("secret").asText();
        String path = "server/v1/users/admin";
        double token = 0;
        double basic = 0;
        for (int round = 0; round < 4; round++) {
            token = Math.max(token, rate(bearer(secret), path));
            basic = Math.max(basic, rate(basic("admin", PASSWORD), path));
        }
        System.out.printf("API tokens (%s): authenticated GET %s, 8 clients: bearer token %.0f/s, Basic %.0f/s%n",
                kind, path, token, basic);
        assertTrue(token >= 0.5 * basic, "a token check costs no more than a remembered Basic check: " + token
                + "/s vs " + basic + "/s");
    }

    private double rate(String authorization, String path) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long started = System.nanoTime();
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                counts.add(pool.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < end) {
                        assertEquals(200, call(authorization, "GET", path, null).statusCode());
                        n++;
                    }
                    return n;
                }));
            }
            long total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            return total / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> call(String authorization, String method, String path, String json) {
        return rest.exchange(authorization, method, path, json);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String field(JsonNode problem) {
        return problem.path("errors").path(0).path("field").asText();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    /** What a run of oscctl printed and returned. */
    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Run oscctl(Map<String, String> credentials, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", server.home().resolve("bin/oscctl").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        // a home of its own, so that no config file of whoever runs the build is read
        env.put("HOME", folder.toString());
        env.remove("XDG_CONFIG_HOME");
        for (String name : List.of("OSC_USER", "OSC_PASSWORD", "OSC_TOKEN")) {
            env.remove(name);
        }
        env.put("OSC_URL", server.url());
        env.put("OSC_CACERT", server.certificate().toString());
        env.putAll(credentials);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("oscctl " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
