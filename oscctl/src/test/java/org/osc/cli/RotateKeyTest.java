package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code oscctl rotate-key}: one POST, a line for people, the server's document for scripts, 403 exits 5, a key id
 * in the query, a 409 exits 4 with the server's reason; {@code oscctl keys} lists keys and replicas.
 */
class RotateKeyTest extends FakeServerTest {

    private static final String ROTATED = "{\"activeKeyId\":\"b2c3d4e5\",\"previousKeyId\":\"a1b2c3d4\","
            + "\"reEncrypted\":5,\"unreadable\":0}";

    @Test
    void aRotationPrintsTheNewKeyAndHowManyValuesWereReencrypted() {
        server.on("POST", "serverManagement/secretKeys/rotate", 200, ROTATED);
        Cli.Result result = Cli.against(server, home).run("rotate-key");
        assertEquals(0, result.code(), result.toString());
        assertEquals("rotated the secret key: b2c3d4e5 is active (was a1b2c3d4), 5 stored secret(s) re-encrypted\n",
                result.out());
        assertEquals(1, server.requests("POST", "serverManagement/secretKeys/rotate").size());

        Cli.Result json = Cli.against(server, home).run("rotate-key", "-o", "json");
        assertTrue(json.out().contains("\"reEncrypted\" : 5"), json.out());
    }

    @Test
    void anAuditorIsRefused() {
        server.on("POST", "serverManagement/secretKeys/rotate", 403, "{\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"User 'ann' has the auditor role, which may only read\"}");
        Cli.Result result = Cli.against(server, home).run("rotate-key");
        assertEquals(5, result.code(), result.toString());
        assertTrue(result.err().contains("auditor"), result.err());
    }

    @Test
    void aKeyIdIsSentAndARefusalExitsFourWithTheServersReason() {
        server.on("POST", "serverManagement/secretKeys/rotate?keyId=b2c3d4e5", 409, "{\"title\":\"Conflict\","
                + "\"status\":409,\"detail\":\"The replica(s) replica-1 do not hold the key b2c3d4e5 yet\"}");
        server.on("POST", "serverManagement/secretKeys/rotate?keyId=b2c3d4e5", 200, ROTATED);
        Cli.Result refused = Cli.against(server, home).run("rotate-key", "--key-id", "b2c3d4e5");
        assertEquals(4, refused.code(), refused.toString());
        assertTrue(refused.err().contains("replica-1 do not hold the key b2c3d4e5"), refused.err());

        Cli.Result result = Cli.against(server, home).run("rotate-key", "--key-id", "b2c3d4e5");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().startsWith("rotated the secret key: b2c3d4e5 is active"), result.out());
    }

    @Test
    void secretKeysListsTheKeysAndWhichReplicaHoldsWhich() {
        server.on("GET", "serverManagement/secretKeys", 200, "{\"activeKeyId\":\"b2c3d4e5\",\"keys\":["
                + "{\"id\":\"a1b2c3d4\",\"active\":false,\"values\":0,\"onEveryReplica\":true},"
                + "{\"id\":\"b2c3d4e5\",\"active\":true,\"values\":5,\"onEveryReplica\":false}],"
                + "\"plaintextValues\":0,\"replica\":\"osc-0\",\"replicas\":["
                + "{\"name\":\"osc-0\",\"keyIds\":[\"a1b2c3d4\",\"b2c3d4e5\"],\"activeKeyId\":\"b2c3d4e5\","
                + "\"live\":true,\"secondsSinceSeen\":3},"
                + "{\"name\":\"osc-1\",\"keyIds\":[\"a1b2c3d4\"],\"activeKeyId\":\"a1b2c3d4\","
                + "\"live\":false,\"secondsSinceSeen\":600}]}");
        Cli.Result result = Cli.against(server, home).run("keys");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("b2c3d4e5   yes     5       no\n"), result.out());
        assertTrue(result.out().contains("osc-0 (this)"), result.out());
        assertTrue(result.out().contains("osc-1                    no    a1b2c3d4   a1b2c3d4\n"), result.out());
    }
}
