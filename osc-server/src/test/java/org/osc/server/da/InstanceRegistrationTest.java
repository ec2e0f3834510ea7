package org.osc.server.da;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.api.manager.element.DeviceMemberElement;
import org.osc.sample.manager.SampleViews.DeviceView;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.server.domain.DistributedApplianceInstance;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupInterface;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.error.NotFoundException;
import org.osc.server.job.JobRecord;
import org.osc.server.job.TaskRecord;
import org.osc.server.mc.JobStarted;
import org.osc.server.reconcile.ReconcileContext;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.reconcile.Result;

/**
 * VNF pods of a deployment spec registered as inspection ports on the sample SDN controller and as device
 * members on the sample manager, and deregistered when their pods or the spec go.
 */
class InstanceRegistrationTest {

    @TempDir
    Path dir;

    private DaSetup setup;
    private RecordingTarget target;
    private long vsId;
    private long vcId;
    /** Security groups whose reconcile was asked for, in order. */
    private final List<Long> groupReconciles = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        setup = new DaSetup(dir);
        vsId = setup.createPassed("da1").virtualSystems().get(0).id();
        vcId = setup.vc1;
        target = new RecordingTarget();
        setup.server.platforms.register(target);
        // The security group reconciler is the binding side's; here it only records that it was asked.
        setup.server.reconcile.register(new Reconciler() {
            @Override
            public ObjectType type() {
                return ObjectType.SECURITY_GROUP;
            }

            @Override
            public Optional<Description> describe(long id) {
                return Optional.of(new Description("Reconcile security group " + id));
            }

            @Override
            public Result reconcile(long id, ReconcileContext context) throws Exception {
                context.step("record", ctx -> groupReconciles.add(id));
                return Result.done();
            }
        });
    }

    @AfterEach
    void stop() {
        setup.close();
    }

    @Test
    void eachPodBecomesAnInspectionPortAndADeviceMember() {
        long specId = create(2);

        List<DistributedApplianceInstanceBody> instances = setup.specs.instances(vsId);
        assertEquals(2, instances.size());
        Set<String> portIds = sdnPorts().stream().map(InspectionPort::id).collect(Collectors.toSet());
        assertEquals(2, portIds.size());
        for (DistributedApplianceInstanceBody dai : instances) {
            assertTrue(dai.inspectionReady(), dai.toString());
            assertTrue(portIds.contains(dai.inspectionPortId()), dai.toString());
            InspectionPort port = sdnPort(dai.inspectionPortId());
            assertEquals(port.ingress(), port.egress(), "single-port appliance");
            assertEquals(List.of(dai.ipAddress()), port.ingress().ipAddresses());
            assertEquals(port.ingress().macAddresses().get(0), dai.macAddress());
        }
        assertEquals(Map.of("web-0", List.of("10.0.0.1"), "web-1", List.of("10.0.0.2")), members());
        assertEquals(rows().stream().map(r -> r.getManagerMemberId()).collect(Collectors.toSet()),
                device().members().stream().map(DeviceMemberElement::id).collect(Collectors.toSet()));
        assertTrue(groupReconciles.isEmpty(), "no security group is bound");
        assertEquals(specId, instances.get(0).deploymentSpecId());
    }

    @Test
    void aSecondReconcileChangesNothing() {
        long specId = create(2);
        long sdnChanges = sdnChanges();
        long managerChanges = setup.server.managerChanges();
        List<DistributedApplianceInstanceBody> before = setup.specs.instances(vsId);

        setup.server.awaitPassed(setup.specs.sync(vsId, specId));
        assertEquals(sdnChanges, sdnChanges(), "SDN changes");
        assertEquals(managerChanges, setup.server.managerChanges(), "manager changes");
        assertEquals(before, setup.specs.instances(vsId));
    }

    @Test
    void aReplacedPodIsRegisteredInsteadAndTheBoundGroupsAreReconciled() throws Exception {
        long sg = bindGroup("web-sg");
        long specId = create(2);
        expectGroupReconciles(List.of(sg), "new inspection ports: the bound group follows");
        DistributedApplianceInstanceBody old = byName("web-1");
        String oldMember = memberOf(old.id());

        target.replace(1);
        setup.server.awaitPassed(setup.specs.sync(vsId, specId));

        DistributedApplianceInstanceBody now = byName("web-1");
        assertNotEquals(old.podUid(), now.podUid());
        assertTrue(now.inspectionReady());
        assertNotEquals(old.inspectionPortId(), now.inspectionPortId());
        assertEquals(Set.of(byName("web-0").inspectionPortId(), now.inspectionPortId()), sdnPortIds(),
                "the old inspection port, used by no hook, is removed at once");
        assertFalse(device().members().stream().anyMatch(m -> m.id().equals(oldMember)), "old member removed");
        assertNotEquals(oldMember, memberOf(now.id()));
        assertEquals(Map.of("web-0", List.of("10.0.0.1"), "web-1", List.of("10.0.0.2")), members());
        assertEquals(2, rows().size(), "the old row is gone");
        expectGroupReconciles(List.of(sg, sg));
    }

    @Test
    void aPortAHookStillUsesIsRemovedOnceTheHookMoved() throws Exception {
        long sg = bindGroup("web-sg");
        long specId = create(1);
        DistributedApplianceInstanceBody old = byName("web-0");
        String hookId;
        try (RedirectionSession session = session()) {
            String portGroup = session.registerPortGroup("pg-web", Set.of()).id();
            hookId = session.installInspectionHook(hook(portGroup, old.inspectionPortId())).id();
        }

        target.replace(0);
        JobRecord job = setup.server.awaitPassed(setup.specs.sync(vsId, specId));
        DistributedApplianceInstanceBody now = byName("web-0");
        assertEquals(List.of(now), setup.specs.instances(vsId), "the leaving instance is not listed");
        assertEquals(Set.of(old.inspectionPortId(), now.inspectionPortId()), sdnPortIds(), "kept: a hook uses it");
        assertEquals(2, rows().size());
        assertTrue(rows().stream().anyMatch(r -> r.isMarkedForDeletion() && r.getManagerMemberId() == null),
                "its member is removed all the same");
        assertEquals(Map.of("web-0", List.of("10.0.0.1")), members());
        expectGroupReconciles(List.of(sg, sg), "the group's reconcile moves the hook");
        assertTrue(job.name().startsWith("Sync deployment spec 'web'"), job.name());

        // What the binding side does: the hook moves to the live inspection port.
        try (RedirectionSession session = session()) {
            InspectionHookSpec moved = hook(session.getInspectionHook(hookId).orElseThrow().inspected().id(),
                    now.inspectionPortId());
            session.updateInspectionHook(hookId, moved);
        }
        setup.server.awaitPassed(setup.specs.sync(vsId, specId));
        assertEquals(Set.of(now.inspectionPortId()), sdnPortIds());
        assertEquals(1, rows().size());
        expectGroupReconciles(List.of(sg, sg, sg));

        long sdnChanges = sdnChanges();
        setup.server.awaitPassed(setup.specs.sync(vsId, specId));
        assertEquals(sdnChanges, sdnChanges());
        expectGroupReconciles(List.of(sg, sg, sg), "nothing changed: no group reconcile");
    }

    @Test
    void aPodsReadinessIsItsInspectionPortsHealthAndTheBoundGroupsFollowIt() throws Exception {
        long sg = bindGroup("web-sg");
        long specId = create(2);
        expectGroupReconciles(List.of(sg));
        String port = byName("web-1").inspectionPortId();
        assertTrue(healthy(port), "a ready pod's inspection port is healthy");
        assertTrue(byName("web-1").podReady());

        target.unready.add(1);
        setup.server.awaitPassed(setup.specs.sync(vsId, specId));
        assertFalse(healthy(port), "the pod failing its readiness probe makes its inspection port unhealthy");
        assertTrue(healthy(byName("web-0").inspectionPortId()));
        assertEquals(port, byName("web-1").inspectionPortId(), "still registered: only its health changed");
        assertFalse(byName("web-1").podReady(), "the instance shows it");
        expectGroupReconciles(List.of(sg, sg), "the bound group moves its hooks to a ready VNF");

        long sdnChanges = sdnChanges();
        setup.server.awaitPassed(setup.specs.sync(vsId, specId));
        assertEquals(sdnChanges, sdnChanges(), "an unchanged readiness changes nothing");
        expectGroupReconciles(List.of(sg, sg), "and asks for no group reconcile");

        target.unready.clear();
        setup.server.awaitPassed(setup.specs.sync(vsId, specId));
        assertTrue(healthy(port), "ready again");
        expectGroupReconciles(List.of(sg, sg, sg));
    }

    @Test
    void aNewAddressIsRegisteredOnBothSides() {
        long sg = bindGroup("web-sg");
        long specId = create(1);
        String portId = byName("web-0").inspectionPortId();

        target.subnet = 7;
        setup.server.awaitPassed(setup.specs.sync(vsId, specId));
        DistributedApplianceInstanceBody now = byName("web-0");
        assertTrue(now.inspectionReady());
        assertEquals(portId, now.inspectionPortId(), "the same pod keeps its inspection port");
        assertEquals(List.of("10.0.7.1"), sdnPort(portId).ingress().ipAddresses());
        assertEquals(Map.of("web-0", List.of("10.0.7.1")), members());
        expectGroupReconciles(List.of(sg, sg));
    }

    @Test
    void aPodWithoutAnAddressWaits() {
        target.unaddressed.add(1);
        long specId = create(2);
        assertTrue(byName("web-0").inspectionReady());
        DistributedApplianceInstanceBody waiting = byName("web-1");
        assertFalse(waiting.inspectionReady());
        assertEquals(null, waiting.inspectionPortId());
        assertEquals(Set.of("web-0"), members().keySet());

        target.unaddressed.clear();
        setup.server.awaitPassed(setup.specs.sync(vsId, specId));
        assertTrue(byName("web-1").inspectionReady());
        assertEquals(2, sdnPorts().size());
    }

    @Test
    void scalingToZeroDeregistersEverything() {
        long specId = create(2);
        setup.server.awaitPassed(setup.specs.update(vsId, specId, spec(0)).jobId());
        assertTrue(sdnPorts().isEmpty());
        assertTrue(device().members().isEmpty());
        assertTrue(rows().isEmpty());
    }

    @Test
    void deletingTheSpecDeregistersThenRemovesEverything() {
        long specId = create(2);
        setup.server.awaitPassed(setup.specs.delete(vsId, specId));
        assertTrue(sdnPorts().isEmpty());
        assertTrue(device().members().isEmpty());
        assertTrue(rows().isEmpty());
        assertTrue(target.deployed.isEmpty());
        assertThrows(NotFoundException.class, () -> setup.specs.get(vsId, specId));
    }

    @Test
    void aDeleteHasTheBoundGroupsReconciledFirstAndWaitsForHooksTheyDoNotOwn() throws Exception {
        long sg = bindGroup("web-sg");
        long specId = create(1);
        String hookId;
        try (RedirectionSession session = session()) {
            String portGroup = session.registerPortGroup("pg-web", Set.of()).id();
            hookId = session.installInspectionHook(hook(portGroup, byName("web-0").inspectionPortId())).id();
        }

        JobRecord job = setup.server.await(setup.specs.delete(vsId, specId));
        assertEquals("FAILED", String.valueOf(job.status()));
        assertTrue(job.failureReason().contains("Deployment spec 'web': the inspection port(s) of 1 instance(s) are "
                + "still used by inspection hooks that the reconcile of security group(s) 'web-sg' bound to its "
                + "virtual system did not move"), job.failureReason());
        assertEquals(List.of("apply web x1"), target.calls, "the VNFs stay while their ports are in use");
        List<String> steps = setup.server.tasks(job.id()).stream().map(TaskRecord::name).toList();
        assertEquals(List.of("Deregister the instances of deployment spec 'web'",
                "Reconcile security group " + sg + ": record", "Deregister the instances the hooks left"), steps,
                "the bound group was reconciled inside the delete's job");
        assertTrue(groupReconciles.contains(sg) && groupReconciles.stream().allMatch(g -> g == sg), groupReconciles
                .toString());
        assertTrue(device().members().isEmpty());

        // What the binding side does when its virtual system has no live inspection port left.
        try (RedirectionSession session = session()) {
            session.removeInspectionHook(hookId);
        }
        setup.server.awaitPassed(setup.specs.delete(vsId, specId));
        assertTrue(sdnPorts().isEmpty());
        assertTrue(rows().isEmpty());
        assertEquals(List.of("apply web x1", "remove web"), target.calls);
    }

    @Test
    void withoutTheSdnPluginTheJobFailsSayingSo() {
        setup.server.database.run(s -> s.find(VirtualizationConnector.class, vcId).setControllerType("GoneSdn"));
        JobStarted started = setup.specs.create(vsId, spec(2));
        JobRecord job = setup.server.await(started.jobId());
        assertEquals("FAILED", String.valueOf(job.status()));
        assertTrue(job.failureReason().contains("Deployment spec 'web': SDN plugin 'GoneSdn' is not installed"),
                job.failureReason());
        assertTrue(device().members().isEmpty(), "nothing is half done");
        assertTrue(setup.specs.instances(vsId).stream().noneMatch(DistributedApplianceInstanceBody::inspectionReady));
    }

    @Test
    void withoutAManagerDeviceTheJobFailsSayingSo() {
        setup.server.database.run(s -> s.find(VirtualSystem.class, vsId).setManagerDeviceId(null));
        JobRecord job = setup.server.await(setup.specs.create(vsId, spec(1)).jobId());
        assertEquals("FAILED", String.valueOf(job.status()));
        assertTrue(job.failureReason().contains("Virtual system " + vsId
                + " has no manager device yet; sync distributed appliance 'da1'"), job.failureReason());
        assertTrue(sdnPorts().isEmpty());
    }

    /** The group reconciles asked for come through the queue, on a worker of their own: wait for them a little. */
    private void expectGroupReconciles(List<Long> expected, String... why) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!groupReconciles.equals(expected) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertEquals(expected, groupReconciles, why.length == 0 ? null : why[0]);
    }

    private static DeploymentSpecBody spec(int count) {
        return new DeploymentSpecBody(null, null, "web", "team-a", count, null, null, null, null, null);
    }

    private long create(int count) {
        JobStarted started = setup.specs.create(vsId, spec(count));
        setup.server.awaitPassed(started.jobId());
        return started.id();
    }

    /** @return a security group on the connector with a binding to the virtual system, as the sg side stores it */
    private long bindGroup(String name) {
        return setup.server.database.inTransaction(s -> {
            SecurityGroup group = new SecurityGroup();
            group.setVirtualizationConnector(s.find(VirtualizationConnector.class, vcId));
            group.setName(name);
            SecurityGroupInterface binding = new SecurityGroupInterface();
            binding.setSecurityGroup(group);
            binding.setVirtualSystem(s.find(VirtualSystem.class, vsId));
            binding.setName(name + "-binding");
            binding.setFailurePolicyType("NA");
            group.getBindings().add(binding);
            s.persist(group);
            return group.getId();
        });
    }

    private static InspectionHookSpec hook(String portGroupId, String inspectionPortId) {
        return new InspectionHookSpec(InspectedElement.portGroup(portGroupId), inspectionPortId, 1,
                TagEncapsulation.VLAN, 1, FailurePolicy.NA);
    }

    private boolean healthy(String inspectionPortId) throws Exception {
        try (RedirectionSession session = session()) {
            return session.isInspectionPortHealthy(inspectionPortId);
        }
    }

    private RedirectionSession session() throws Exception {
        return setup.server.sdn.openSession(new VirtualizationConnectorElement("vc1", "KUBERNETES", Map.of()));
    }

    private DistributedApplianceInstanceBody byName(String name) {
        return setup.specs.instances(vsId).stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    /** @return every instance row of the virtual system, those marked for deletion included */
    private List<DistributedApplianceInstance> rows() {
        return setup.server.database.inTransaction(s -> s.createSelectionQuery(
                "from DistributedApplianceInstance i where i.deploymentSpec.virtualSystem.id = :vs order by i.id",
                DistributedApplianceInstance.class).setParameter("vs", vsId).getResultList());
    }

    private String memberOf(long instanceId) {
        return setup.server.database.inTransaction(
                s -> s.find(DistributedApplianceInstance.class, instanceId).getManagerMemberId());
    }

    private List<InspectionPort> sdnPorts() {
        return setup.server.sdn.snapshot().inspectionPorts();
    }

    private Set<String> sdnPortIds() {
        return sdnPorts().stream().map(InspectionPort::id).collect(Collectors.toSet());
    }

    private InspectionPort sdnPort(String id) {
        return sdnPorts().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private long sdnChanges() {
        return setup.server.sdn.snapshot().counters().changes().values().stream().mapToLong(Long::longValue).sum();
    }

    private DeviceView device() {
        return setup.server.manager.devices().stream().filter(d -> d.virtualSystemId().equals(Long.toString(vsId)))
                .findFirst().orElseThrow();
    }

    /** @return member name to IPs on the virtual system's device */
    private Map<String, List<String>> members() {
        return device().members().stream()
                .collect(Collectors.toMap(DeviceMemberElement::name, DeviceMemberElement::ipAddresses));
    }
}
