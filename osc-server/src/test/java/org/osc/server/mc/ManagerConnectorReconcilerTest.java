package org.osc.server.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.api.manager.element.DomainElement;
import org.osc.api.manager.element.PolicyElement;
import org.osc.server.job.JobRecord;

/** The manager connector's reconcile: readable failures, and domain rows that follow the manager. */
class ManagerConnectorReconcilerTest {

    @TempDir
    Path dir;

    private ServerFixture server;
    private ManagerConnectorService connectors;

    @BeforeEach
    void start() {
        server = new ServerFixture(dir);
        connectors = new ManagerConnectorService(server.database, server.plugins, server.reconcile);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JobRecord failed(long jobId) {
        JobRecord job = server.await(jobId);
        assertEquals("FAILED", String.valueOf(job.status()));
        return job;
    }

    @Test
    void refusedCredentialsFailTheJobNamingTheConnector() {
        JobStarted started = connectors.create(ManagerConnectorServiceTest.body("mgr1", ServerFixture.MANAGER,
                "manager.example", "admin", "wrong-password"));
        String reason = failed(started.jobId()).failureReason();
        assertTrue(reason.contains("Manager connector 'mgr1': manager rejected the credentials"), reason);
        assertTrue(!reason.contains("wrong-password"), "no secret in the reason: " + reason);
        assertEquals("FAILED", connectors.get(started.id()).lastJobStatus());
        assertTrue(connectors.domains(started.id()).isEmpty());
    }

    @Test
    void anUnreachableManagerFailsTheJobNamingTheConnectorAndIsProbed() throws InterruptedException {
        JobStarted started = connectors.create(ManagerConnectorServiceTest.body("mgr1", ServerFixture.MANAGER,
                "https://manager.invalid:8443", "admin", "admin123"));
        String reason = failed(started.jobId()).failureReason();
        assertTrue(reason.contains("Manager connector 'mgr1': manager unreachable"), reason);
        assertTrue(reason.contains(". Retry 1 in 100 ms"), reason);
        // Once the backoff is longer than the probe's period, the manager is asked whether it is back instead.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        boolean probed = false;
        while (!probed && System.nanoTime() < deadline) {
            probed = server.jobs.list(null, 0).stream().map(JobRecord::failureReason)
                    .anyMatch(r -> r != null && r.endsWith("or as soon as manager connector 'mgr1' answers again"));
            Thread.sleep(50);
        }
        assertTrue(probed, "a retry says the manager is probed: " + server.jobs.list(null, 3));
    }

    @Test
    void aRemovedPluginFailsTheSyncSayingSo() {
        long id = connectors.create(ManagerConnectorServiceTest.body("mgr1", ServerFixture.MANAGER, "manager.example",
                "admin", "admin123")).id();
        server.removeManager(ServerFixture.MANAGER);
        String reason = failed(connectors.sync(id)).failureReason();
        assertTrue(reason.contains("Manager plugin 'SampleManager' of manager connector 'mgr1' is not installed"),
                reason);
    }

    @Test
    void domainRowsFollowTheManagerAndStayPutWhenNothingChanged() {
        FakeDomainManager fake = new FakeDomainManager();
        DomainElement a = new DomainElement("a", "Domain A");
        DomainElement b = new DomainElement("b", "Domain B");
        fake.domains.put(a, List.of(new PolicyElement("p1", "One", "a"), new PolicyElement("p2", "Two", "a")));
        fake.domains.put(b, List.of(new PolicyElement("p3", "Three", "b")));
        server.addManager("Fake", fake, "PASSWORD");
        JobStarted started = connectors.create(ManagerConnectorServiceTest.body("mgr1", "Fake", "fake.example", "u",
                "p"));
        server.awaitPassed(started.jobId());
        Map<String, Long> rows = rowIds();
        assertEquals(5, rows.size());

        server.awaitPassed(connectors.sync(started.id()));
        assertEquals(rows, rowIds(), "a repeated read keeps every row as it was");

        fake.domains.remove(b);
        fake.domains.put(new DomainElement("a", "Domain A renamed"), List.of(new PolicyElement("p2", "Two!", "a"),
                new PolicyElement("p4", "Four", "a")));
        fake.domains.remove(a);
        server.awaitPassed(connectors.sync(started.id()));
        List<ManagerDomainBody> domains = connectors.domains(started.id());
        assertEquals(List.of(new ManagerDomainBody("a", "Domain A renamed", List.of(
                new ManagerDomainBody.Policy("p4", "Four"), new ManagerDomainBody.Policy("p2", "Two!")))), domains);
        assertEquals(rows.get("domain a"), rowIds().get("domain a"), "a renamed domain keeps its row");
    }

    private Map<String, Long> rowIds() {
        return server.database.inTransaction(s -> {
            Map<String, Long> ids = new java.util.TreeMap<>();
            s.createSelectionQuery("select d.domainId, d.id from ManagerDomain d", Object[].class).getResultList()
                    .forEach(r -> ids.put("domain " + r[0], (Long) r[1]));
            s.createSelectionQuery("select p.policyId, p.id from ManagerPolicy p", Object[].class).getResultList()
                    .forEach(r -> ids.put("policy " + r[0], (Long) r[1]));
            return ids;
        });
    }
}
