package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code oscctl rotate-key}: one POST, a line for people, the server's document for scripts, 403 exits 5. */
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
}
