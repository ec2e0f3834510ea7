package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.itests.TestTrust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Secrets encrypted at rest, on the distribution as an operator runs it, on H2 and on PostgreSQL (when
 * {@code OSC_TEST_PG_URL} names one): a manager connector's password and a virtualization connector's kubeconfig
 * and bearer token are nowhere in the stopped database in plaintext (read with JDBC, and for H2 in the raw bytes
 * of its file), the data folder is owner-only, a restart with the key reads them (the manager's connection check
 * and the cluster check pass), {@code oscctl rotate-key} re-encrypts them, and a start with a wrong or missing key
 * file is refused with one line saying what to do, losing nothing.
 */
class SecretsAtRestIT {

    private static final String ADMIN_PASSWORD = "secrets-at-rest-admin";
    private static final String MC = "server/v1/applianceManagerConnectors";
    private static final String VC = "server/v1/virtualizationConnectors";
    private static final Pattern CURRENT_CONTEXT = Pattern.compile("current-context:\\s*\"?([^\"\\s]+)");

    @TempDir
    Path folder;

    private final String marker = UUID.randomUUID().toString().substring(0, 8);
    /** The sample manager's one account (its documented default). */
    private final String managerPassword = "admin123";
    private final String token = "bearer-token-" + marker;
    private final String kubeconfigSecret = "kubeconfig-secret-" + marker;
    private final Map<String, String> pg = new HashMap<>();
    private int round;
    private String context;

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void secretsAreEncryptedAtRestRotatedAndGuardedByTheirKey(String kind) throws Exception {
        if (kind.equals("postgresql")) {
            resetPostgresql();
        }
        Path home = folder.resolve("osc");
        try (TestCluster cluster = TestCluster.start(folder.resolve("cluster"))) {
            long mcId;
            long tokenVc;
            long kubeconfigVc;
            try (DistributionProcess server = start(home)) {
                OscRest osc = new OscRest(server.url(), ADMIN_PASSWORD);
                mcId = osc.passedJobOf(osc.post(201, MC, OscRest.json(Map.of("name", "mc-" + marker,
                        "managerType", "SampleManager", "ipAddress", "127.0.0.1", "username", "admin",
                        "password", managerPassword)))).path("id").asLong();
                String apiServer = cluster.client().getMasterUrl().toString();
                Matcher current = CURRENT_CONTEXT.matcher(cluster.kubeconfig());
                assertTrue(current.find(), cluster.kubeconfig());
                context = current.group(1);
                tokenVc = osc.post(201, VC, OscRest.json(Map.of("name", "vc-token-" + marker,
                        "controllerType", "SampleSdn", "apiServerUrl", apiServer, "token", token))).path("id")
                        .asLong();
                // A comment line: a secret the kubeconfig carries that the test can look for.
                kubeconfigVc = osc.post(201, VC, OscRest.json(Map.of("name", "vc-kubeconfig-" + marker,
                        "controllerType", "SampleSdn", "kubeconfig", cluster.kubeconfig() + "\n# "
                                + kubeconfigSecret + "\n"))).path("id").asLong();
                assertEquals(Map.of("plaintextValues", 0, "values", 3), keyUse(osc, 0));
            }
            noSecretInPlaintext(kind, home);
            ownerOnly(home, kind);
            Path keyFile = home.resolve("data/secret-keys");
            String key = Files.readString(keyFile);

            try (DistributionProcess server = start(home)) {
                OscRest osc = new OscRest(server.url(), ADMIN_PASSWORD);
                secretsStillWork(osc, mcId, tokenVc, kubeconfigVc);
                auditorCannotRotate(osc, server);
                JsonNode rotated = oscctlRotate(server);
                assertEquals(3, rotated.path("reEncrypted").asInt(), rotated.toString());
                assertEquals(0, rotated.path("unreadable").asInt(), rotated.toString());
                JsonNode keys = osc.get("server/v1/serverManagement/secretKeys");
                assertEquals(rotated.path("activeKeyId").asText(), keys.path("activeKeyId").asText());
                assertEquals(2, keys.path("keys").size(), keys.toString());
                assertEquals(0, keys.path("keys").get(0).path("values").asInt(), keys.toString());
                assertEquals(3, keys.path("keys").get(1).path("values").asInt(), keys.toString());
                secretsStillWork(osc, mcId, tokenVc, kubeconfigVc);
            }
            noSecretInPlaintext(kind, home);
            String rotatedKey = Files.readString(keyFile);
            assertFalse(rotatedKey.equals(key), "the key file has the new key");

            // A key file of another installation: refused, one line saying what to do, nothing changed.
            byte[] other = new byte[32];
            new SecureRandom().nextBytes(other);
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(other) + "\n");
            String wrong = refusedStart(home);
            assertTrue(wrong.contains("OSC cannot start: the database holds secrets encrypted with key(s) "),
                    wrong);
            assertTrue(wrong.contains("restore the key file backed up with this database"), wrong);

            // No key file at all: refused too, and no new key generated over the secrets.
            Files.delete(keyFile);
            String missing = refusedStart(home);
            assertTrue(missing.contains("data/secret-keys is missing"), missing);
            assertFalse(Files.exists(keyFile), "no key generated over existing secrets");

            // The right key again: everything is there.
            Files.writeString(keyFile, rotatedKey);
            try (DistributionProcess server = start(home)) {
                secretsStillWork(new OscRest(server.url(), ADMIN_PASSWORD), mcId, tokenVc, kubeconfigVc);
            }
        }
    }

    private DistributionProcess start(Path home) throws Exception {
        DistributionProcess server = new DistributionProcess(home, ADMIN_PASSWORD);
        pg.forEach(server::env);
        server.start();
        return server;
    }

    /** @return what the server printed before it exited, having refused to start */
    private String refusedStart(Path home) throws Exception {
        try (DistributionProcess server = new DistributionProcess(home, ADMIN_PASSWORD)) {
            pg.forEach(server::env);
            IllegalStateException exited = assertThrows(IllegalStateException.class, server::start);
            assertTrue(exited.getMessage().startsWith("The server exited"), exited.getMessage());
            List<String> refusal = server.console().lines().filter(l -> l.contains("OSC cannot start")).toList();
            assertEquals(1, refusal.size(), server.console());
            assertTrue(refusal.get(0).contains(" ERROR "), refusal.get(0));
            return refusal.get(0);
        }
    }

    /**
     * The manager's connection check (a sync) and both clusters' checks pass. An update checks the cluster only
     * when the way to connect changes, so each round changes what is not secret (the kubeconfig's context, named
     * or not; the API server's URL, with a slash or not), and the check runs with the stored secrets.
     */
    private void secretsStillWork(OscRest osc, long mcId, long tokenVc, long kubeconfigVc) {
        osc.passedJobOf(osc.post(202, MC + "/" + mcId + "/sync", null));
        round++;
        String apiServer = osc.get(VC + "/" + tokenVc).path("apiServerUrl").asText().replaceAll("/+$", "");
        osc.put(200, VC + "/" + tokenVc, OscRest.json(Map.of("name", "vc-token-" + marker, "controllerType",
                "SampleSdn", "apiServerUrl", round % 2 == 0 ? apiServer : apiServer + "/")));
        Map<String, Object> body = new HashMap<>(Map.of("name", "vc-kubeconfig-" + marker,
                "controllerType", "SampleSdn"));
        if (round % 2 == 1) {
            body.put("context", context);
        }
        osc.put(200, VC + "/" + kubeconfigVc, OscRest.json(body));
        assertEquals(round % 2 == 1 ? context : "", osc.get(VC + "/" + kubeconfigVc).path("context").asText(""));
    }

    private void auditorCannotRotate(OscRest osc, DistributionProcess server) throws Exception {
        osc.post(201, "server/v1/users", OscRest.json(Map.of("name", "auditor-" + marker,
                "password", "auditor-password", "role", "auditor")));
        HttpRequest rotate = HttpRequest.newBuilder(URI.create(server.base() + "serverManagement/secretKeys/rotate"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("auditor-" + marker
                        + ":auditor-password").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> refused = TestTrust.client().send(rotate, HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode(), refused.body());
    }

    /** Runs {@code bin/oscctl rotate-key -o json} as a script would; returns what the server answered. */
    private JsonNode oscctlRotate(DistributionProcess server) throws Exception {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder("bash", server.home().resolve("bin/oscctl").toString(),
                "rotate-key", "-o", "json").redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("HOME", folder.toString());
        builder.environment().remove("XDG_CONFIG_HOME");
        builder.environment().put("OSC_URL", server.url());
        builder.environment().put("OSC_CACERT", server.certificate().toString());
        builder.environment().put("OSC_USER", "admin");
        builder.environment().put("OSC_PASSWORD", ADMIN_PASSWORD);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "oscctl ended");
        assertEquals(0, process.exitValue(), Files.readString(err));
        return new ObjectMapper().readTree(Files.readString(out));
    }

    private static Map<String, Integer> keyUse(OscRest osc, int key) {
        JsonNode keys = osc.get("server/v1/serverManagement/secretKeys");
        return Map.of("plaintextValues", keys.path("plaintextValues").asInt(),
                "values", keys.path("keys").get(key).path("values").asInt());
    }

    /** Every text value of every table, read with JDBC from the stopped server's database, and H2's raw file. */
    private void noSecretInPlaintext(String kind, Path home) throws Exception {
        List<String> secrets = List.of(managerPassword, token, kubeconfigSecret);
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(kind, home)) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = meta.getTables(null, kind.equals("h2") ? "PUBLIC" : "public", "%",
                    new String[] { "TABLE" })) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.size() > 10, tables.toString());
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            values.add(String.valueOf(rows.getObject(i)));
                        }
                    }
                }
            }
        }
        assertTrue(values.contains("vc-token-" + marker), "the scan sees the connectors' rows");
        for (String secret : secrets) {
            assertTrue(values.stream().noneMatch(v -> v.contains(secret)), secret + " is stored in plaintext");
        }
        assertTrue(values.stream().filter(v -> v.startsWith("osc:v1:")).count() >= 3, "the secrets are encrypted");
        if (kind.equals("h2")) {
            String raw = new String(Files.readAllBytes(home.resolve("data/db/osc.mv.db")), StandardCharsets.ISO_8859_1);
            assertTrue(raw.contains("vc-token-" + marker), "the raw file shows what is not secret");
            for (String secret : secrets) {
                assertFalse(raw.contains(secret), secret + " is in the database file's bytes");
            }
        }
    }

    private Connection connect(String kind, Path home) throws Exception {
        if (kind.equals("h2")) {
            return new org.h2.Driver().connect("jdbc:h2:file:" + home.resolve("data/db/osc") + ";IFEXISTS=TRUE",
                    new Properties());
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", pg.get("OSC_DB_USER"));
        credentials.setProperty("password", pg.get("OSC_DB_PASSWORD"));
        return new org.postgresql.Driver().connect(pg.get("OSC_DB_URL"), credentials);
    }

    private static void ownerOnly(Path home, String kind) throws IOException {
        List<String> paths = new ArrayList<>(List.of("data", "data/logs", "data/logs/osc.log", "data/secret-keys",
                "data/sample-manager"));
        if (kind.equals("h2")) {
            paths.addAll(List.of("data/db", "data/db/osc.mv.db"));
        }
        for (String path : paths) {
            Path file = home.resolve(path);
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
            assertEquals(Files.isDirectory(file) ? "rwx------" : "rw-------", mode, path);
        }
    }

    private void resetPostgresql() throws Exception {
        String url = System.getenv("OSC_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if (System.getenv("OSC_REQUIRE_PG") != null) {
                throw new IllegalStateException("OSC_REQUIRE_PG is set but OSC_TEST_PG_URL is not");
            }
            Assumptions.abort("No PostgreSQL test server (OSC_TEST_PG_URL)");
        }
        pg.put("OSC_DB_URL", url);
        pg.put("OSC_DB_USER", System.getenv().getOrDefault("OSC_TEST_PG_USER", "osc"));
        pg.put("OSC_DB_PASSWORD", System.getenv().getOrDefault("OSC_TEST_PG_PASSWORD", ""));
        try (Connection connection = connect("postgresql", null); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
    }
}
