package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several replicas need PostgreSQL: a second process on the H2 file of a running one, and an election asked for on
 * H2, are refused at start with one line that says so (exit status 78), not with H2's lock error.
 */
class HaRefusalIT {

    private static final String PASSWORD = "refusal-admin";

    @TempDir
    Path folder;

    @Test
    void aSecondProcessOnTheSameH2FileIsRefusedWithAClearLine() throws Exception {
        try (DistributionProcess first = new DistributionProcess(folder.resolve("first"), PASSWORD);
                DistributionProcess second = new DistributionProcess(folder.resolve("second"), PASSWORD)) {
            first.start();
            second.env("OSC_DB_URL", "jdbc:h2:file:" + first.home().resolve("data").resolve("db").resolve("osc"));
            IllegalStateException refused = assertThrows(IllegalStateException.class, second::start);
            assertEquals(78, second.exitStatus());
            assertTrue(refused.getMessage().contains("Another OSC process uses this H2 database; several replicas"
                    + " need PostgreSQL"), refused.getMessage());
            assertTrue(!refused.getMessage().contains("Database may be already in use"), "not H2's own error: "
                    + refused.getMessage());
        }
    }

    @Test
    void anElectionOnH2IsRefused() throws Exception {
        try (DistributionProcess server = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            server.env("OSC_LEADER_ELECTION", "database");
            IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);
            assertEquals(78, server.exitStatus());
            assertTrue(refused.getMessage().contains("OSC_LEADER_ELECTION=database asks for several replicas, which"
                    + " H2 cannot serve"), refused.getMessage());
        }
    }
}
