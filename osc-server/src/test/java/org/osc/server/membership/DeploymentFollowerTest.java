package org.osc.server.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;

/** VNF changes reconcile the deployment spec they name, only when it exists on the reporting connector. */
class DeploymentFollowerTest {

    @TempDir
    Path dir;

    private Database db;
    private final MembershipRows.Recorder recorder = new MembershipRows.Recorder();
    private DeploymentFollower follower;
    private long vc;
    private long spec;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2(dir);
        MembershipRows rows = new MembershipRows(db);
        vc = rows.connector("k1");
        long vc2 = rows.connector("k2");
        spec = rows.spec(vc, "a");
        rows.spec(vc2, "b");
        follower = new DeploymentFollower(db, recorder);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aChangeAsksForTheSpecsReconcileWithoutReadingTheDatabase() {
        follower.deploymentChanged(vc, spec);
        assertEquals(List.of(spec), recorder.takeSpecs());
        db.close(); // asking is in memory: it works with the database gone
        follower.deploymentChanged(vc, 9999);
        assertEquals(List.of(9999L), recorder.takeSpecs(), "one OSC no longer has: its reconcile finds nothing");
        db = TestDatabases.h2(dir);
    }

    @Test
    void aResyncReconcilesEverySpecOfTheConnector() {
        follower.resynced(vc);
        assertEquals(List.of(spec), recorder.takeSpecs());
    }
}
