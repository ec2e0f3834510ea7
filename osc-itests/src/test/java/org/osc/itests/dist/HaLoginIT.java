package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.itests.dist.OscRest.json;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins and tokens across two OSC distributions as processes on one PostgreSQL (the test server of
 * {@code OSC_TEST_PG_URL}; see {@link TestDatabase}), with the database lease election: wrong passwords spread over
 * both replicas lock the name after as many failures as on one replica, and a token revoked on one replica is
 * refused on the other within a second. Prints {@code HALOGIN ...} lines.
 */
class HaLoginIT {

    private static final String PASSWORD = "ha-login-admin-pass";
    private static final String VICTIM_PASSWORD = "victims-right-password";

    @TempDir
    static Path folder;
    static TestDatabase database;
    static final DistributionProcess[] SERVERS = new DistributionProcess[2];
    static final OscRest[] REST = new OscRest[2];

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start("postgresql", folder);
        for (int i = 0; i < 2; i++) {
            SERVERS[i] = new DistributionProcess(folder.resolve("osc-" + i), PASSWORD)
                    .env("OSC_LEADER_ELECTION", "database").env("OSC_POD_NAME", "replica-" + i);
            database.configure(SERVERS[i]);
        }
        SERVERS[0].start();
        // replicas share the key that encrypts secrets at rest
        Path key = SERVERS[0].home().resolve("data").resolve("secret-keys");
        Path copy = SERVERS[1].home().resolve("data").resolve("secret-keys");
        Files.createDirectories(copy.getParent());
        Files.copy(key, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        SERVERS[1].start();
        for (int i = 0; i < 2; i++) {
            REST[i] = new OscRest(SERVERS[i].url(), PASSWORD);
        }
        REST[0].post(201, "server/v1/users", json(Map.of("name", "victim", "password", VICTIM_PASSWORD,
                "role", "auditor")));
    }

    @AfterAll
    static void stop() throws Exception {
        for (DistributionProcess server : SERVERS) {
            if (server != null) {
                server.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void wrongPasswordsSpreadOverBothReplicasLockTheNameAfterAsManyAsOnOne() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(REST[i % 2].exchange(basic("victim", "not-the-password-" + i), "GET",
                    "server/v1/users/victim", null).statusCode());
        }
        System.out.println("HALOGIN wrong passwords, alternating replicas 0,1,0,1,...: " + statuses);
        assertEquals(List.of(401, 401, 401, 401, 401, 429), statuses,
                "the fifth failure (on replica 0) locks the name on replica 1 too, as on one replica");
        HttpResponse<String> right = REST[1].exchange(basic("victim", VICTIM_PASSWORD), "GET",
                "server/v1/users/victim", null);
        assertEquals(429, right.statusCode(), "even the right password, on the replica where it did not fail");
        assertTrue(right.headers().firstValue("Retry-After").isPresent());
        // Refusals cost no read of the database: hammer replica 1 until the lock (1 s) is over.
        long start = System.nanoTime();
        int refused = 0;
        while (REST[1].exchange(basic("victim", "guess-" + refused), "GET", "server/v1/users/victim", null)
                .statusCode() == 429 && refused < 100_000) {
            refused++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("HALOGIN %d refusals (429) over HTTPS, one connection, in %.3f s: %.0f/s%n", refused,
                seconds, refused / seconds);
        assertTrue(refused > 0);
    }

    @Test
    void aTokenRevokedOnOneReplicaIsRefusedOnTheOtherWithinASecond() throws Exception {
        String vcs = "server/v1/virtualizationConnectors";
        String token = REST[0].post(201, "server/v1/tokens", json(Map.of("name", "ci"))).path("secret").asText();
        long id = Long.parseLong(token.split("_")[1]);
        for (int i = 0; i < 2; i++) {
            assertEquals(200, REST[i].exchange("Bearer " + token, "GET", vcs, null).statusCode(),
                    "the token works on replica " + i + " (and is remembered there)");
        }
        long start = System.nanoTime();
        assertEquals(204, REST[0].exchange(basic("admin", PASSWORD), "DELETE",
                "server/v1/tokens/" + id, null).statusCode());
        long millis;
        while (true) {
            int status = REST[1].exchange("Bearer " + token, "GET", vcs, null).statusCode();
            millis = (System.nanoTime() - start) / 1_000_000;
            if (status == 401) {
                break;
            }
            assertEquals(200, status);
            assertTrue(millis < 1000, "still accepted on replica 1 " + millis + " ms after the revoke on replica 0");
            Thread.sleep(20);
        }
        System.out.println("HALOGIN token revoked on replica 0, refused on replica 1 after " + millis + " ms");
        assertTrue(millis < 1000);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
