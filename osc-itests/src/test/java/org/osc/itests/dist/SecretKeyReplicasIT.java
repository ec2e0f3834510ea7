package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two OSC distributions on one PostgreSQL, each with its own copy of the key file (as pods with a Secret each
 * mount), rotating the key of the stored secrets without a restart: a new key made on one replica is refused
 * while the other runs; a key added to one replica's file is loaded but not made active, and a rotation to it is
 * refused naming the replica that lacks it; once both files have it, a rotation on replica B re-encrypts every
 * secret and replica A reads them at once (its cluster check with the stored kubeconfig passes, the manager's
 * connection check passes) and encrypts its own new secrets under the new key once it polled, without a restart;
 * B reads what A wrote.
 */
class SecretKeyReplicasIT {

    private static final String PASSWORD = "key-replicas-admin";
    private static final String KEYS = "server/v1/serverManagement/secretKeys";
    private static final String VC = "server/v1/virtualizationConnectors";
    private static final String MC = "server/v1/applianceManagerConnectors";
    private static final Pattern CURRENT_CONTEXT = Pattern.compile("current-context:\\s*\"?([^\"\\s]+)");

    @TempDir
    Path folder;

    @Test
    void aRotationOnOneReplicaLeavesTheOtherReadingEverySecretWithoutARestart() throws Exception {
        try (TestDatabase database = TestDatabase.start("postgresql", folder);
                TestCluster cluster = TestCluster.start(folder.resolve("cluster"));
                DistributionProcess a = replica("replica-a", database);
                DistributionProcess b = replica("replica-b", database)) {
            a.start();
            Path keyFileA = a.home().resolve("data/secret-keys");
            Path keyFileB = b.home().resolve("data/secret-keys");
            Files.createDirectories(keyFileB.getParent());
            Files.copy(keyFileA, keyFileB);
            Files.setPosixFilePermissions(keyFileB, PosixFilePermissions.fromString("rw-------"));
            b.start();
            OscRest onA = new OscRest(a.url(), PASSWORD);
            OscRest onB = new OscRest(b.url(), PASSWORD);

            long mc = onA.passedJobOf(onA.post(201, MC, OscRest.json(Map.of("name", "mc", "managerType",
                    "SampleManager", "ipAddress", "127.0.0.1", "username", "admin", "password", "admin123"))))
                    .path("id").asLong();
            long vc = onA.post(201, VC, OscRest.json(Map.of("name", "vc", "controllerType", "SampleSdn",
                    "kubeconfig", cluster.kubeconfig()))).path("id").asLong();
            Matcher current = CURRENT_CONTEXT.matcher(cluster.kubeconfig());
            assertTrue(current.find(), cluster.kubeconfig());
            String context = current.group(1);
            String first = onB.get(KEYS).path("activeKeyId").asText();
            OscRest.within(Duration.ofSeconds(30), "both replicas recorded their keys",
                    () -> liveReplicas(onB.get(KEYS)) == 2, () -> onB.get(KEYS));

            // a key made on B would be in B's file only
            OscRest.Answer newKey = onB.send("POST", KEYS + "/rotate", null);
            assertEquals(409, newKey.status(), newKey.body());
            assertTrue(newKey.body().contains("replica-a"), newKey.body());
            assertEquals(Files.readString(keyFileA), Files.readString(keyFileB), "no key added");

            // the new key reaches B's file first: loaded there, not active, and not yet a key to rotate to
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
            String line = Base64.getEncoder().encodeToString(key) + "\n";
            Files.writeString(keyFileB, line, StandardOpenOption.APPEND);
            OscRest.within(Duration.ofSeconds(30), "B read its changed key file",
                    () -> onB.get(KEYS).path("keys").size() == 2, () -> onB.get(KEYS));
            JsonNode keysOnB = onB.get(KEYS);
            assertEquals(first, keysOnB.path("activeKeyId").asText(), "an added key is not active");
            assertEquals(false, keysOnB.path("keys").get(1).path("onEveryReplica").asBoolean(), keysOnB.toString());
            OscRest.Answer lacking = onB.send("POST", KEYS + "/rotate?keyId=" + id, null);
            assertEquals(409, lacking.status(), lacking.body());
            assertTrue(lacking.body().contains("replica-a") && lacking.body().contains(id), lacking.body());

            // then A's: once B sees A holds it, the rotation on B goes through
            Files.writeString(keyFileA, line, StandardOpenOption.APPEND);
            long added = System.nanoTime();
            OscRest.within(Duration.ofSeconds(30), "every replica holds the new key",
                    () -> onB.get(KEYS).path("keys").get(1).path("onEveryReplica").asBoolean(), () -> onB.get(KEYS));
            System.out.println("KEYS: replica A's reload of its key file seen by B after "
                    + (System.nanoTime() - added) / 1_000_000 + " ms");
            JsonNode rotated = onB.post(200, KEYS + "/rotate?keyId=" + id, null);
            assertEquals(id, rotated.path("activeKeyId").asText());
            assertEquals(first, rotated.path("previousKeyId").asText());
            assertEquals(2, rotated.path("reEncrypted").asInt(), rotated.toString());
            assertEquals(0, rotated.path("unreadable").asInt(), rotated.toString());

            // A reads everything re-encrypted at once, with no restart: the cluster check uses the kubeconfig
            onA.put(200, VC + "/" + vc, OscRest.json(Map.of("name", "vc", "controllerType", "SampleSdn",
                    "context", context)));
            assertEquals(context, onA.get(VC + "/" + vc).path("context").asText());
            onA.passedJobOf(onA.post(202, MC + "/" + mc + "/sync", null));
            long rotatedAt = System.nanoTime();
            OscRest.within(Duration.ofSeconds(30), "A encrypts under the key the database names",
                    () -> id.equals(onA.get(KEYS).path("activeKeyId").asText()), () -> onA.get(KEYS));
            System.out.println("KEYS: replica A took the new active key " + (System.nanoTime() - rotatedAt) / 1_000_000
                    + " ms after the rotation on B had answered");
            // A's own new secret is under the new key; what A wrote before its poll (the update above re-sealed
            // the kubeconfig) may be under the previous key, which both replicas keep
            int underNew = onA.get(KEYS).path("keys").get(1).path("values").asInt();
            onA.post(201, VC, OscRest.json(Map.of("name", "vc-2", "controllerType", "SampleSdn",
                    "kubeconfig", cluster.kubeconfig())));
            JsonNode keys = onA.get(KEYS);
            assertEquals(underNew + 1, keys.path("keys").get(1).path("values").asInt(), keys.toString());
            assertEquals(3, keys.path("keys").get(0).path("values").asInt() + underNew + 1, keys.toString());
            // and B reads what A wrote
            long vc2 = -1;
            for (JsonNode item : onB.get(VC).path("items")) {
                vc2 = item.path("name").asText().equals("vc-2") ? item.path("id").asLong() : vc2;
            }
            onB.put(200, VC + "/" + vc2, OscRest.json(Map.of("name", "vc-2", "controllerType", "SampleSdn",
                    "context", context)));
        }
    }

    private DistributionProcess replica(String name, TestDatabase database) {
        DistributionProcess server = new DistributionProcess(folder.resolve(name), PASSWORD);
        server.env("OSC_LEADER_ELECTION", "database").env("OSC_POD_NAME", name)
                .env("OSC_SECRET_KEY_RELOAD_SECONDS", "1");
        database.configure(server);
        return server;
    }

    private static int liveReplicas(JsonNode keys) {
        int live = 0;
        for (JsonNode replica : keys.path("replicas")) {
            live += replica.path("live").asBoolean() ? 1 : 0;
        }
        return live;
    }
}
