package org.osc.server.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.LabelSelector;
import org.osc.platform.api.VirtualizationPlatform;
import org.osc.platform.api.Workload;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.platform.PlatformRegistry;

/** What the platforms are told to follow, round after round, and the full resync. */
class ConnectorWatcherTest {

    @TempDir
    Path dir;

    private Database db;
    private MembershipRows rows;
    private final MembershipRows.Recorder recorder = new MembershipRows.Recorder();
    private final RecordingPlatform platform = new RecordingPlatform();
    private ConnectorWatcher watcher;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2(dir);
        rows = new MembershipRows(db);
        PlatformRegistry platforms = new PlatformRegistry();
        platforms.register(platform);
        watcher = new ConnectorWatcher(db, platforms, recorder, id -> false);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void everyConnectorIsFollowedAndADeletedOneIsLetGo() {
        long k1 = rows.connector("k1");
        long k2 = rows.connector("k2");
        watcher.round();
        assertEquals(List.of("watch " + k1, "watch " + k2), platform.take());

        watcher.round();
        assertEquals(List.of("watch " + k1, "watch " + k2), platform.take(), "idempotent: told again each round");

        db.run(s -> s.remove(s.find(VirtualizationConnector.class, k1)));
        watcher.round();
        assertEquals(List.of("unwatch " + k1, "watch " + k2), platform.take());
    }

    @Test
    void aConnectorWhoseClusterCannotBeFollowedIsStillLetGoWhenDeleted() {
        long k1 = rows.connector("k1");
        platform.failWatch = true;
        watcher.round();
        assertEquals(List.of("watch " + k1), platform.take());
        db.run(s -> s.remove(s.find(VirtualizationConnector.class, k1)));
        watcher.round();
        assertEquals(List.of("unwatch " + k1), platform.take(), "the platform may hold a client for it all the same");
        watcher.round();
        assertEquals(List.of(), platform.take(), "told once");
    }

    @Test
    void changedSettingsReachThePlatform() {
        long k1 = rows.connector("k1");
        watcher.round();
        platform.take();
        db.run(s -> s.find(VirtualizationConnector.class, k1).setKubeconfig("apiVersion: v1 # new"));
        watcher.round();
        assertEquals(List.of("watch " + k1), platform.take());
        assertEquals("apiVersion: v1 # new", platform.lastSeen.kubeconfig());
    }

    @Test
    void theFullResyncReconcilesEveryGroupIncludingThoseBeingDeleted() {
        long k1 = rows.connector("k1");
        long a = rows.group(k1, "a", false, List.of(), "app=a");
        long b = rows.group(k1, "b", true, List.of());
        db.run(s -> s.find(SecurityGroup.class, b).markForDeletion());
        watcher.resyncAll();
        assertEquals(List.of(a, b), recorder.takeGroups());
    }

    @Test
    void theFullResyncReconcilesEveryDeploymentSpec() {
        long k1 = rows.connector("k1");
        long first = rows.spec(k1, "first");
        long second = rows.spec(k1, "second");
        watcher.resyncAll();
        assertEquals(List.of(first, second), recorder.takeSpecs());
    }

    @Test
    void atStartTheObjectsOfAFollowedConnectorWaitForItsPlatformsFirstRead() {
        long followed = rows.connector("k1");
        long group = rows.group(followed, "a", false, List.of(), "app=a");
        long spec = rows.spec(followed, "s");
        watcher.round();
        assertEquals(java.util.Set.of(followed), watcher.startupResync());
        assertEquals(List.of(), recorder.takeGroups(), "the platform's resync report asks for them, once");
        assertEquals(List.of(), recorder.takeSpecs());

        // a connector whose cluster cannot be followed gets its objects reconciled at once
        long down = rows.connector("k2");
        long other = rows.group(down, "b", false, List.of(), "app=b");
        platform.failWatch = true;
        watcher.round();
        assertEquals(java.util.Set.of(), watcher.startupResync());
        assertEquals(List.of(group, other), recorder.takeGroups());
        assertEquals(List.of(spec), recorder.takeSpecs());
    }

    /** Records watch and unwatch calls. */
    private static final class RecordingPlatform implements VirtualizationPlatform {
        private final List<String> calls = new ArrayList<>();
        private ConnectorInfo lastSeen;
        private volatile boolean failWatch;

        @Override
        public String type() {
            return "KUBERNETES";
        }

        @Override
        public List<Workload> workloads(ConnectorInfo connector, List<LabelSelector> selectors,
                List<String> namespaces) {
            return List.of();
        }

        @Override
        public List<Workload> allWorkloads(ConnectorInfo connector, List<String> namespaces) {
            return List.of();
        }

        @Override
        public synchronized void watch(ConnectorInfo connector) {
            calls.add("watch " + connector.id());
            lastSeen = connector;
            if (failWatch) {
                throw new IllegalStateException("cannot reach the cluster");
            }
        }

        @Override
        public synchronized void unwatch(long connectorId) {
            calls.add("unwatch " + connectorId);
        }

        synchronized List<String> take() {
            List<String> taken = List.copyOf(calls);
            calls.clear();
            return taken;
        }
    }
}
