package org.osc.server.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.platform.api.Workload;
import org.osc.server.domain.ObjectType;
import org.osc.server.jobs.JobService;
import org.osc.server.jobstore.JpaJobStore;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.ReconcileContext;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.reconcile.Result;
import org.osc.server.sg.MemberBody;
import org.osc.server.sg.MemberService;
import org.osc.server.sg.SecurityGroupService;

/**
 * Which groups a pod change reaches: label members, namespace filters, protectAll, before and after the change,
 * one connector's pods never reaching another's groups; and the index following group writes made through the
 * services. Requests are recorded as they leave the queue (run on the calling thread here).
 */
class MembershipRouterTest {

    @TempDir
    Path dir;

    private Database db;
    private JobService jobs;
    private final MembershipRows.Recorder recorder = new MembershipRows.Recorder();
    private MembershipRouter router;
    private MembershipRows rows;
    private long vc;
    private long vc2;
    private long web;
    private long front;
    private long audit;
    private long gone;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2(dir);
        rows = new MembershipRows(db);
        vc = rows.connector("k1");
        vc2 = rows.connector("k2");
        web = rows.group(vc, "web", false, List.of(), "app=web");
        front = rows.group(vc, "front", false, List.of("shop"), "tier=front", "app=shop");
        audit = rows.group(vc, "audit", true, List.of("audit", "shop"));
        gone = rows.group(vc, "gone", false, List.of(), "app=web");
        db.run(s -> s.find(org.osc.server.domain.SecurityGroup.class, gone).markForDeletion());
        rows.group(vc2, "web-elsewhere", false, List.of(), "app=web");
        router = new MembershipRouter(db, recorder);
    }

    @AfterEach
    void tearDown() {
        if (jobs != null) {
            jobs.engine().close();
        }
        db.close();
    }

    @Test
    void podChangesDuringADatabaseOutageReachTheirGroupsOnceItAnswers() throws Exception {
        AtomicBoolean down = new AtomicBoolean();
        MembershipRouter flaky = new MembershipRouter(db, recorder, () -> {
            if (down.get()) {
                throw new IllegalStateException("Unable to acquire JDBC Connection");
            }
            return db.inTransaction(MembershipIndex::load);
        }, Duration.ofMillis(20));
        try {
            flaky.workloadsChanged(vc, null, pod("blog", "app", "web"));
            assertEquals(List.of(web), recorder.takeGroups());

            down.set(true);
            long late = rows.group(vc, "late", false, List.of(), "app=late"); // committed as the database went away
            flaky.workloadsChanged(vc, null, pod("blog", "app", "web"));
            flaky.workloadsChanged(vc, null, pod("blog", "app", "late"));
            assertEquals(List.of(web), recorder.takeGroups(), "routed with the index read last meanwhile");
            Thread.sleep(200);
            assertEquals(List.of(), recorder.takeGroups(), "retried, but the database does not answer yet");

            down.set(false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            List<Long> asked = new ArrayList<>();
            while (!asked.contains(late) && System.nanoTime() < deadline) {
                asked.addAll(recorder.takeGroups());
                Thread.sleep(10);
            }
            assertTrue(asked.containsAll(List.of(web, front, audit, late)), "every group of the connector: " + asked);
        } finally {
            flaky.deactivate();
        }
    }

    @Test
    void aNewPodReachesTheGroupsItsLabelsAndNamespaceMatch() {
        router.workloadsChanged(vc, null, pod("blog", "app", "web"));
        assertEquals(List.of(web), recorder.takeGroups());
        router.workloadsChanged(vc, null, pod("shop", "app", "web"));
        assertEquals(List.of(web, audit), recorder.takeGroups(), "protectAll of its namespace too");
        router.workloadsChanged(vc, null, pod("shop", "tier", "front"));
        assertEquals(List.of(front, audit), recorder.takeGroups());
    }

    @Test
    void aNamespaceFilterKeepsMatchingLabelsOfOtherNamespacesOut() {
        router.workloadsChanged(vc, null, pod("blog", "tier", "front", "app", "shop"));
        assertEquals(List.of(), recorder.takeGroups());
    }

    @Test
    void anUnrelatedPodReconcilesNothing() {
        router.workloadsChanged(vc, null, pod("blog", "app", "cache"));
        router.workloadsChanged(vc, pod("blog", "app", "cache"), pod("blog", "app", "cache", "x", "y"));
        router.workloadsChanged(vc, pod("blog", "app", "cache"), null);
        assertEquals(List.of(), recorder.takeGroups());
    }

    @Test
    void aLabelChangeReachesTheGroupItLeftAndTheGroupItJoined() {
        router.workloadsChanged(vc, pod("shop", "app", "web"), pod("shop", "app", "shop"));
        assertEquals(List.of(web, front, audit), recorder.takeGroups());
        router.workloadsChanged(vc, pod("blog", "app", "web"), pod("blog", "app", "db"));
        assertEquals(List.of(web), recorder.takeGroups(), "removed label: the group it left");
        router.workloadsChanged(vc, pod("blog", "app", "db"), pod("blog", "app", "db", "tier", "front"));
        assertEquals(List.of(), recorder.takeGroups(), "added label outside the group's namespaces");
    }

    @Test
    void aDeletedPodReachesTheGroupsItWasIn() {
        router.workloadsChanged(vc, pod("shop", "tier", "front"), null);
        assertEquals(List.of(front, audit), recorder.takeGroups());
    }

    @Test
    void anIpChangeReachesTheGroupsOfThePod() {
        Workload before = pod("blog", "app", "web");
        Workload after = new Workload("blog", "p", "uid-p", List.of("10.1.0.7"), before.labels());
        router.workloadsChanged(vc, before, after);
        assertEquals(List.of(web), recorder.takeGroups());
    }

    @Test
    void groupsOfOtherConnectorsAndGroupsBeingDeletedAreNotReached() {
        long elsewhere = router.index().all(vc2).iterator().next();
        router.workloadsChanged(vc2, null, pod("blog", "app", "web"));
        assertEquals(List.of(elsewhere), recorder.takeGroups());
        router.workloadsChanged(vc, null, pod("blog", "app", "web"));
        assertTrue(!recorder.takeGroups().contains(gone));
    }

    @Test
    void aResyncReconcilesEveryLiveGroupOfTheConnector() {
        router.resynced(vc);
        assertEquals(List.of(web, front, audit), recorder.takeGroups());
    }

    @Test
    void theIndexFollowsMemberAndGroupWritesOfTheServices() {
        ReconcileService reconcile = reconcileService();
        MemberService members = new MemberService(db, reconcile);
        SecurityGroupService groups = new SecurityGroupService(db, new PluginRegistry(), reconcile);
        router.workloadsChanged(vc, null, pod("blog", "app", "cache"));
        assertEquals(List.of(), recorder.takeGroups(), "the index is read once here");

        members.replace(vc, web, List.of(new MemberBody("web", "LABEL", "app=web"),
                new MemberBody("cache", "LABEL", "app = cache")));
        router.workloadsChanged(vc, null, pod("blog", "app", "cache"));
        assertEquals(List.of(web), recorder.takeGroups(), "new member, canonical label");

        groups.delete(vc, web);
        router.workloadsChanged(vc, null, pod("blog", "app", "cache"));
        assertEquals(List.of(), recorder.takeGroups(), "a group being deleted no longer takes pods");
    }

    @Test
    void aGroupWriteFromAnyCodePathIsSeenByTheNextEvent() {
        router.workloadsChanged(vc, null, pod("blog", "app", "cache"));
        assertEquals(List.of(), recorder.takeGroups());
        // not through a service, and nobody tells the router: the store's commit does
        db.run(s -> s.find(org.osc.server.domain.SecurityGroup.class, web).setProtectAll(true));
        router.workloadsChanged(vc, null, pod("blog", "app", "cache"));
        assertEquals(List.of(web), recorder.takeGroups());
    }

    @Test
    void eventsWithoutGroupWritesReadNothing() {
        router.workloadsChanged(vc, null, pod("blog", "app", "web"));
        MembershipIndex first = router.index();
        db.run(s -> s.find(org.osc.server.domain.VirtualizationConnector.class, vc).setName("renamed"));
        router.workloadsChanged(vc, null, pod("blog", "app", "web"));
        assertSame(first, router.index(), "a write to another table leaves the index as it is");
    }

    /** A reconcile service whose security group reconciler does nothing: the services need one to call. */
    private ReconcileService reconcileService() {
        jobs = new JobService(new JpaJobStore(db), 4, Duration.ofMinutes(10));
        ReconcileService reconcile = new ReconcileService(jobs, new ReconcileQueue());
        reconcile.register(new Reconciler() {
            @Override
            public ObjectType type() {
                return ObjectType.SECURITY_GROUP;
            }

            @Override
            public Optional<Description> describe(long id) {
                return Optional.of(new Description("noop " + id));
            }

            @Override
            public Result reconcile(long id, ReconcileContext context) {
                return Result.done();
            }
        });
        return reconcile;
    }

    /** A pod named p with the labels given as key, value, key, value... */
    private static Workload pod(String namespace, String... labels) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new Workload(namespace, "p", "uid-p", List.of(), map);
    }
}
