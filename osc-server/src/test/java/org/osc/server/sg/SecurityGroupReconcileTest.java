package org.osc.server.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.sample.sdn.SampleSdnViews.PortGroupView;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobStatus;

/** A security group's reconcile against the sample SDN controller and an in-memory cluster. */
class SecurityGroupReconcileTest {

    @TempDir
    Path dir;

    private SgFixture fx;
    private long vc;
    private long sg;

    @BeforeEach
    void setUp() throws Exception {
        fx = new SgFixture(dir);
        vc = fx.connector("k8s", SgFixture.SDN);
        fx.cluster.add("shop", "web-1", "10.0.0.11", "app", "web");
        fx.cluster.add("shop", "web-2", "10.0.0.12", "app", "shop", "tier", "front");
        fx.cluster.add("shop", "db-1", "10.0.0.21", "app", "db");
        fx.cluster.add("shop", "web-3", null, "app", "web");
        fx.cluster.add("other", "web-9", "10.0.9.9", "app", "web");
        SecurityGroupService.Created created = fx.groups.create(vc, SecurityGroupBody.of("web", false,
                List.of("shop")));
        sg = created.id();
        passed(created.jobId());
        passed(fx.members.replace(vc, sg, List.of(new MemberBody("web", "LABEL", "app=web"),
                new MemberBody("front", null, "tier=front"))));
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void thePortGroupHoldsExactlyTheMatchingPodsPorts() {
        assertEquals(Set.of("port-uid-shop-web-1", "port-uid-shop-web-2"), portGroupMembers());
        SecurityGroupBody group = fx.groups.get(vc, sg);
        assertEquals(portGroup().id(), group.portGroupId());
        assertEquals("PASSED", group.lastJobStatus());
        assertEquals(List.of(new MemberBody("web", "LABEL", "app=web"), new MemberBody("front", "LABEL", "tier=front")),
                group.members());

        // The pod without an IP is listed, without a port, until the controller has one for it.
        List<ProtectedPodBody> pods = fx.members.pods(vc, sg);
        assertEquals(List.of("web-1", "web-2", "web-3"), pods.stream().map(ProtectedPodBody::name).toList());
        ProtectedPodBody.Port port = pods.get(0).ports().get(0);
        assertEquals("port-uid-shop-web-1", port.portId());
        assertEquals(List.of("10.0.0.11"), port.ipAddresses());
        assertNotNull(port.macAddress());
        assertNull(port.inspectionHookId());
        assertEquals("uid-shop-web-1", pods.get(0).uid());
        assertEquals("shop", pods.get(0).namespace());
        assertEquals(List.of(), pods.get(2).ports());
    }

    @Test
    void membershipFollowsPodsMembersAndSettings() throws Exception {
        fx.cluster.remove("shop", "web-1");
        fx.cluster.add("shop", "web-4", "10.0.0.14", "app", "web");
        passed(fx.groups.sync(vc, sg));
        assertEquals(Set.of("port-uid-shop-web-2", "port-uid-shop-web-4"), portGroupMembers());

        passed(fx.members.replace(vc, sg, List.of(new MemberBody("db", null, "app=db"))));
        assertEquals(Set.of("port-uid-shop-db-1"), portGroupMembers());

        passed(fx.groups.update(vc, sg, SecurityGroupBody.of("web", false, List.of())));
        assertEquals(Set.of("port-uid-shop-db-1"), portGroupMembers());

        // Every pod, in every namespace; a VNF pod never protects itself.
        long vs = fx.virtualSystem(vc, "da1");
        fx.vnf(vs, "vnf-0", "10.9.0.10");
        fx.cluster.add("security", "vnf-0", "10.9.0.10", "app", "vnf");
        passed(fx.groups.update(vc, sg, SecurityGroupBody.of("web", true, List.of())));
        assertEquals(Set.of("port-uid-shop-web-2", "port-uid-shop-web-4", "port-uid-shop-db-1",
                "port-uid-other-web-9"), portGroupMembers());

        passed(fx.members.replace(vc, sg, List.of()));
        passed(fx.groups.update(vc, sg, SecurityGroupBody.of("web", false, List.of())));
        assertEquals(Set.of(), portGroupMembers());
        assertEquals(List.of(), fx.members.pods(vc, sg));
    }

    @Test
    void syncRestoresAPortGroupDeletedInTheController() throws Exception {
        String before = portGroup().id();
        assertTrue(fx.sdn.deletePortGroup(before));
        assertEquals(List.of(), fx.sdn.snapshot().portGroups());
        long registered = fx.sdn.snapshot().counters().calls().getOrDefault("registerPortGroup", 0L);

        passed(fx.groups.sync(vc, sg));
        assertEquals(registered + 1, fx.sdn.snapshot().counters().calls().getOrDefault("registerPortGroup", 0L),
                "registered again in the controller");
        assertEquals(Set.of("port-uid-shop-web-1", "port-uid-shop-web-2"), portGroupMembers());
        assertEquals(portGroup().id(), fx.groups.get(vc, sg).portGroupId());
    }

    @Test
    void aSecondReconcileChangesNothing() throws Exception {
        Map<String, Long> changes = fx.sdn.snapshot().counters().changes();
        long lookups = fx.sdn.snapshot().counters().calls().getOrDefault("getPortGroup", 0L);
        passed(fx.groups.sync(vc, sg));
        passed(fx.groups.sync(vc, sg));
        assertEquals(changes, fx.sdn.snapshot().counters().changes());
        // It did look: the port group was read each time.
        assertEquals(lookups + 2, fx.sdn.snapshot().counters().calls().get("getPortGroup"));
    }

    @Test
    void aPodJoiningCostsOneLookupAndOneWriteWhateverTheGroupsSize() throws Exception {
        for (int i = 10; i < 60; i++) {
            fx.cluster.add("shop", "web-" + i, "10.0.1." + i, "app", "web");
        }
        passed(fx.groups.sync(vc, sg));
        assertEquals(52, portGroupMembers().size());
        Map<String, Long> before = fx.sdn.snapshot().counters().calls();

        fx.cluster.add("shop", "web-99", "10.0.1.99", "app", "web");
        passed(fx.groups.sync(vc, sg));
        Map<String, Long> calls = fx.sdn.snapshot().counters().calls();
        assertEquals(2, delta(calls, before, "getWorkloadPort"), "the new pod, and web-3 that has no IP (asked "
                + "again until the controller has a port for it): the other 51 ports are known");
        assertEquals(1, delta(calls, before, "updatePortGroup"));
        assertEquals(0, delta(calls, before, "getPortGroup"), "the members differ from the last write: no read");
        assertTrue(portGroupMembers().contains("port-uid-shop-web-99"));

        // Deleted behind OSC's back while it believed it knew the members: the write finds out, and registers it.
        assertTrue(fx.sdn.deletePortGroup(portGroup().id()));
        fx.cluster.remove("shop", "web-99");
        passed(fx.groups.sync(vc, sg));
        assertEquals(52, portGroupMembers().size());
        assertEquals(portGroup().id(), fx.groups.get(vc, sg).portGroupId());
    }

    private static long delta(Map<String, Long> after, Map<String, Long> before, String method) {
        return after.getOrDefault(method, 0L) - before.getOrDefault(method, 0L);
    }

    @Test
    void deleteRemovesThePortGroupThenTheGroup() throws Exception {
        passed(fx.groups.delete(vc, sg));
        assertEquals(List.of(), fx.sdn.snapshot().portGroups());
        assertEquals(List.of(), fx.groups.list(vc));
        int rows = fx.db.inTransaction(s -> ProtectedPodStore.read(s, sg).size());
        assertEquals(0, rows);
    }

    @Test
    void forceDeleteLeavesThePluginsAlone() {
        fx.groups.forceDelete(vc, sg);
        assertEquals(List.of(), fx.groups.list(vc));
        assertEquals(1, fx.sdn.snapshot().portGroups().size());
    }

    @Test
    void failuresNameTheGroupAndTheCause() throws Exception {
        fx.cluster.setReachable(false);
        JobRecord job = fx.await(fx.groups.sync(vc, sg));
        assertEquals(JobStatus.FAILED, job.status());
        assertTrue(job.failureReason().matches("Task 'Sync port group' failed: Security group 'web': cluster 'k8s' "
                + "is unreachable\\. Retry 1 in 100 ms \\(at .*Z\\)"), job.failureReason());
        fx.cluster.setReachable(true);

        fx.sdn.setReachable(false);
        job = fx.await(fx.groups.sync(vc, sg));
        assertTrue(job.failureReason().startsWith("Task 'Sync port group' failed: Security group 'web': "
                + "SDN controller 'SampleSdn' failed: "), job.failureReason());
        assertEquals("FAILED", fx.groups.get(vc, sg).lastJobStatus());
        fx.sdn.setReachable(true);

        fx.db.run(s -> s.find(VirtualizationConnector.class, vc).setControllerType("GoneSdn"));
        job = fx.await(fx.groups.sync(vc, sg));
        // the retries the SDN's answer triggered may run before or after the change: each failure counts
        assertTrue(job.failureReason().matches("Task 'Sync port group' failed: Security group 'web': SDN plugin "
                + "'GoneSdn' is not installed\\. Retry [0-9]+ in [0-9]+ ms .*"), job.failureReason());
        assertNotNull(fx.groups.get(vc, sg).nextRetryAt(), "the group shows when it is retried");
    }

    private void passed(long jobId) throws Exception {
        JobRecord job = fx.await(jobId);
        assertEquals(JobStatus.PASSED, job.status(), job.failureReason());
    }

    private PortGroupView portGroup() {
        List<PortGroupView> groups = fx.sdn.snapshot().portGroups();
        assertEquals(1, groups.size(), groups.toString());
        return groups.get(0);
    }

    private Set<String> portGroupMembers() {
        return portGroup().members().stream().map(NetworkElement::id).collect(Collectors.toSet());
    }
}
