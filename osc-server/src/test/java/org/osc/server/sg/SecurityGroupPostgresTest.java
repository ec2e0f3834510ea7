package org.osc.server.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.job.JobStatus;

/**
 * The whole life of a bound group on PostgreSQL (the store of the protected pods is plain SQL, and the
 * migration must run there too). Skipped without the test server, see {@code TestDatabases.postgres()}.
 */
class SecurityGroupPostgresTest {

    @TempDir
    Path dir;

    private SgFixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void createBindSyncAndDelete() throws Exception {
        fx = new SgFixture(dir, "postgresql");
        long vc = fx.connector("k8s", SgFixture.SDN);
        long vs = fx.virtualSystem(vc, "da1");
        fx.vnf(vs, "vnf-0", "10.9.0.10");
        fx.cluster.add("shop", "web-1", "10.0.0.11", "app", "web");
        fx.cluster.add("shop", "web-2", null, "app", "web");
        long sg = fx.groups.create(vc, SecurityGroupBody.of("web", false, List.of("shop"))).id();
        passed(fx.members.replace(vc, sg, List.of(new MemberBody("web", null, "app=web"))));
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 3, "FAIL_OPEN"))));

        List<ProtectedPodBody> pods = fx.members.pods(vc, sg);
        assertEquals(List.of("web-1", "web-2"), pods.stream().map(ProtectedPodBody::name).toList());
        assertEquals(List.of("10.0.0.11"), pods.get(0).ports().get(0).ipAddresses());
        assertEquals(fx.bindings.list(vc, sg).get(0).inspectionHookId(), pods.get(0).ports().get(0).inspectionHookId());
        assertEquals(1, fx.sdn.snapshot().hooks().size());
        assertEquals(1, fx.manager.securityGroupInterfaces().size());

        Map<String, Long> changes = fx.sdn.snapshot().counters().changes();
        passed(fx.groups.sync(vc, sg));
        assertEquals(changes, fx.sdn.snapshot().counters().changes());

        passed(fx.groups.delete(vc, sg));
        assertEquals(List.of(), fx.groups.list(vc));
        assertEquals(List.of(), fx.sdn.snapshot().portGroups());
        assertEquals(List.of(), fx.manager.securityGroups());
    }

    private void passed(long jobId) throws Exception {
        var job = fx.await(jobId);
        assertEquals(JobStatus.PASSED, job.status(), job.failureReason());
    }
}
