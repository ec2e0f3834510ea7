package org.osc.server.da;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.platform.api.DeploymentRequest;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.ValidationException;
import org.osc.server.job.JobRecord;
import org.osc.server.mc.JobStarted;
import org.osc.server.mc.ServerFixture;

/** Deployment specs: validation, and their reconcile through a deployment target (or the lack of one). */
class DeploymentSpecTest {

    @TempDir
    Path dir;

    private DaSetup setup;
    private DeploymentSpecService specs;
    private long vsId;
    private long otherVsId;

    @BeforeEach
    void start() {
        setup = new DaSetup(dir);
        specs = setup.specs;
        DistributedApplianceBody da = setup.createPassed("da1");
        vsId = da.virtualSystems().get(0).id();
        otherVsId = da.virtualSystems().get(1).id();
    }

    @AfterEach
    void stop() {
        setup.close();
    }

    private static DeploymentSpecBody spec(String name, String namespace, Integer count) {
        return new DeploymentSpecBody(null, null, name, namespace, count, null, null, null, null, null);
    }

    private RecordingTarget target() {
        RecordingTarget target = new RecordingTarget();
        setup.server.platforms.register(target);
        return target;
    }

    @Test
    void withoutAPlatformTheJobFailsSayingSo() {
        JobStarted started = specs.create(vsId, spec("web", "default", 2));
        JobRecord job = setup.server.await(started.jobId());
        assertEquals("FAILED", String.valueOf(job.status()));
        assertTrue(job.failureReason().contains("No virtualization platform for KUBERNETES is running"),
                job.failureReason());
        assertEquals("FAILED", specs.get(vsId, started.id()).lastJobStatus());
    }

    @Test
    void createAppliesTheDesiredStateAndRecordsTheInstances() {
        RecordingTarget target = target();
        JobStarted started = specs.create(vsId, spec("web", "team-a", 2));
        setup.server.awaitPassed(started.jobId());

        DeploymentRequest request = target.deployed.get(started.id());
        assertEquals("team-a", request.namespace());
        assertEquals(2, request.count());
        assertEquals("registry.example.com/vnf:1.0", request.image().imageUrl());
        assertEquals("vc1", request.connector().name());
        assertEquals("VLAN", request.encapsulationType());
        assertEquals(List.of("web-0", "web-1"), specs.instances(vsId).stream()
                .map(DistributedApplianceInstanceBody::name).toList());
        assertEquals(new DeploymentSpecBody(started.id(), vsId, "web", "team-a", 2, false, started.jobId(), "COMPLETED",
                "PASSED", null), specs.get(vsId, started.id()));
        assertEquals(List.of(specs.get(vsId, started.id())), specs.list(vsId));
        assertTrue(specs.list(otherVsId).isEmpty());
    }

    @Test
    void updateScalesAndSyncRepeatsWithoutChanges() {
        RecordingTarget target = target();
        JobStarted started = specs.create(vsId, spec("web", "team-a", 2));
        setup.server.awaitPassed(started.jobId());
        List<Long> before = specs.instances(vsId).stream().map(DistributedApplianceInstanceBody::id).toList();

        setup.server.awaitPassed(specs.sync(vsId, started.id()));
        assertEquals(before, specs.instances(vsId).stream().map(DistributedApplianceInstanceBody::id).toList(),
                "an unchanged spec keeps its instance rows");

        setup.server.awaitPassed(specs.update(vsId, started.id(), spec("web", "team-a", 3)).jobId());
        assertEquals(3, specs.instances(vsId).size());
        assertEquals(before, specs.instances(vsId).stream().limit(2).map(DistributedApplianceInstanceBody::id)
                .toList());
        setup.server.awaitPassed(specs.update(vsId, started.id(), spec("web", "team-a", 0)).jobId());
        assertTrue(specs.instances(vsId).isEmpty());
        assertEquals(List.of("apply web x2", "apply web x2", "apply web x3", "apply web x0"), target.calls);
    }

    @Test
    void deleteRemovesFromThePlatformThenTheRows() {
        RecordingTarget target = target();
        JobStarted started = specs.create(vsId, spec("web", "team-a", 1));
        setup.server.awaitPassed(started.jobId());
        JobRecord job = setup.server.awaitPassed(specs.delete(vsId, started.id()));
        assertTrue(job.name().startsWith("Delete deployment spec 'web'"), job.name());
        assertTrue(target.deployed.isEmpty());
        assertTrue(specs.instances(vsId).isEmpty());
        assertThrows(NotFoundException.class, () -> specs.get(vsId, started.id()));
    }

    @Test
    void aPlatformFailureNamesTheSpec() {
        RecordingTarget target = target();
        target.failure = "cluster 'vc1' is unreachable";
        JobStarted started = specs.create(vsId, spec("web", "team-a", 1));
        JobRecord job = setup.server.await(started.jobId());
        assertEquals("FAILED", String.valueOf(job.status()));
        assertTrue(job.failureReason().contains("Deployment spec 'web' (namespace 'team-a' on 'vc1'): cluster 'vc1' "
                + "is unreachable"), job.failureReason());

        JobRecord delete = setup.server.await(specs.delete(vsId, started.id()));
        assertEquals("FAILED", String.valueOf(delete.status()));
        assertTrue(specs.get(vsId, started.id()).markedForDeletion(), "kept until the platform confirms");
        specs.forceDelete(vsId, started.id());
        assertThrows(NotFoundException.class, () -> specs.get(vsId, started.id()));
        // The failed delete's retries may have called the platform again meanwhile (a busy machine): not after.
        List<String> atForce = List.copyOf(target.calls);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        assertEquals(atForce, target.calls, "force never calls the platform, nor does anything after it");
        assertEquals("apply web x1", atForce.get(0));
        assertTrue(atForce.subList(1, atForce.size()).stream().allMatch("remove web"::equals), atForce.toString());
    }

    @Test
    void invalidFieldsAreAllNamed() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> specs.create(vsId, spec("", "Team_A", -1)));
        assertEquals(Set.of("name", "namespace", "count"), ServerFixture.fields(e));
        ValidationException missing = assertThrows(ValidationException.class,
                () -> specs.create(vsId, spec("web", null, null)));
        assertEquals(Set.of("namespace", "count"), ServerFixture.fields(missing));
        assertEquals(Set.of("namespace"), ServerFixture.fields(assertThrows(ValidationException.class,
                () -> specs.create(vsId, spec("web", "a".repeat(64), 1)))));
    }

    @Test
    void countsHaveTheirDocumentedBoundAndNamesNoLineBreaks() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> specs.create(vsId, spec("web\nINFO forged", "team-a", Integer.MAX_VALUE)));
        assertEquals(Set.of("name", "count"), ServerFixture.fields(e));
        assertTrue(e.getMessage().contains("count: must be from 0 to 1000"), e.getMessage());
    }

    @Test
    void namesAreUniquePerVirtualSystemAndTheNamespaceFixed() {
        long id = specs.create(vsId, spec("web", "team-a", 1)).id();
        assertEquals(Set.of("name"), ServerFixture.fields(assertThrows(ConflictException.class,
                () -> specs.create(vsId, spec("web", "team-b", 1)))));
        specs.create(otherVsId, spec("web", "team-a", 1));
        assertEquals(Set.of("namespace"), ServerFixture.fields(assertThrows(ValidationException.class,
                () -> specs.update(vsId, id, spec("web", "team-b", 1)))));
    }

    @Test
    void unknownIdsAre404() {
        long id = specs.create(vsId, spec("web", "team-a", 1)).id();
        assertThrows(NotFoundException.class, () -> specs.list(99));
        assertThrows(NotFoundException.class, () -> specs.instances(99));
        assertThrows(NotFoundException.class, () -> specs.create(99, spec("web", "team-a", 1)));
        assertThrows(NotFoundException.class, () -> specs.get(otherVsId, id), "a spec of another virtual system");
        assertThrows(NotFoundException.class, () -> specs.update(vsId, 99, spec("web", "team-a", 1)));
        assertThrows(NotFoundException.class, () -> specs.delete(vsId, 99));
        assertThrows(NotFoundException.class, () -> specs.forceDelete(vsId, 99));
        assertThrows(NotFoundException.class, () -> specs.sync(vsId, 99));
    }

    @Test
    void aSpecBeingDeletedCannotBeChanged() {
        RecordingTarget target = target();
        target.failure = "down";
        long id = specs.create(vsId, spec("web", "team-a", 1)).id();
        setup.server.await(specs.delete(vsId, id));
        assertThrows(ConflictException.class, () -> specs.update(vsId, id, spec("web", "team-a", 2)));
    }
}
