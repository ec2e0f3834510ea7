package org.osc.server.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupInterfaceElement;
import org.osc.api.manager.element.SecurityGroupMemberElement;
import org.osc.sample.sdn.SampleSdnViews.HookView;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.server.domain.DistributedApplianceInstance;
import org.osc.server.domain.ObjectType;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobStatus;

/** Bindings: SDN inspection hooks and manager groups and policy mappings, with the sample plugins. */
class BindingReconcileTest {

    @TempDir
    Path dir;

    private SgFixture fx;
    private long vc;
    private long vs;
    private long sg;

    @BeforeEach
    void setUp() throws Exception {
        fx = new SgFixture(dir);
        vc = fx.connector("k8s", SgFixture.SDN);
        vs = fx.virtualSystem(vc, "da1");
        fx.cluster.add("shop", "web-1", "10.0.0.11", "app", "web");
        fx.cluster.add("shop", "web-2", "10.0.0.12", "app", "web");
        sg = fx.groups.create(vc, SecurityGroupBody.of("web", false, null)).id();
        passed(fx.members.replace(vc, sg, List.of(new MemberBody("web", null, "app=web"))));
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void anUnboundGroupIsNotOnTheManager() {
        assertEquals(List.of(), fx.manager.securityGroups());
        assertEquals(null, fx.groups.get(vc, sg).managerGroupId());
    }

    @Test
    void aBindingInstallsTheHookAndTheManagerMapping() throws Exception {
        String inspectionPort = fx.vnf(vs, "vnf-0", "10.9.0.10");
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "inspect-web", List.of("policy-2", "policy-3"),
                5, "FAIL_CLOSE"))));

        BindingBody binding = fx.bindings.list(vc, sg).get(0);
        HookView hook = onlyHook();
        String portGroup = fx.groups.get(vc, sg).portGroupId();
        long tag = BindingSync.tag(TagEncapsulation.VLAN, binding.id());
        assertEquals(new HookView(binding.inspectionHookId(), ElementKind.PORT_GROUP, portGroup, inspectionPort, tag,
                TagEncapsulation.VLAN, 5, FailurePolicy.FAIL_CLOSE), hook);

        SecurityGroupElement group = onlyManagerGroup();
        assertEquals(fx.groups.get(vc, sg).managerGroupId(), group.id());
        assertEquals(Long.toString(sg), group.oscSecurityGroupId());
        assertEquals(Set.of("shop/web-1:10.0.0.11", "shop/web-2:10.0.0.12"), members(group));

        SecurityGroupInterfaceElement mapping = onlyMapping();
        assertEquals(new SecurityGroupInterfaceElement(binding.managerInterfaceId(), "inspect-web",
                Long.toString(binding.id()), group.id(), deviceId(), Set.of("policy-2", "policy-3"),
                Long.toString(tag), 5), mapping);

        assertEquals("PASSED", binding.lastJobStatus());
        assertTrue(fx.members.pods(vc, sg).stream().flatMap(p -> p.ports().stream())
                .allMatch(p -> hook.id().equals(p.inspectionHookId())));
    }

    @Test
    void reconcilingAgainChangesNeitherPlugin() throws Exception {
        fx.vnf(vs, "vnf-0", "10.9.0.10");
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "NA"))));
        Map<String, Long> sdnChanges = fx.sdn.snapshot().counters().changes();
        Map<String, Long> managerChanges = managerChanges();
        passed(fx.groups.sync(vc, sg));
        passed(fx.reconcile.reconcile(ObjectType.SECURITY_GROUP, sg));
        passed(fx.groups.sync(vc, sg));
        assertEquals(sdnChanges, fx.sdn.snapshot().counters().changes());
        assertEquals(managerChanges, managerChanges());
    }

    @Test
    void changesConvergeInPlace() throws Exception {
        fx.vnf(vs, "vnf-0", "10.9.0.10");
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "FAIL_OPEN"))));
        HookView before = onlyHook();
        String mappingBefore = onlyMapping().id();

        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b2", List.of("policy-4"), 7, "NA"))));
        HookView after = onlyHook();
        assertEquals(before.id(), after.id());
        assertEquals(7, after.order());
        assertEquals(FailurePolicy.NA, after.failurePolicy());
        SecurityGroupInterfaceElement mapping = onlyMapping();
        assertEquals(mappingBefore, mapping.id());
        assertEquals(Set.of("policy-4"), mapping.policyIds());
        assertEquals("b2", mapping.name());

        // A new pod reaches the manager's group too.
        fx.cluster.add("shop", "web-3", "10.0.0.13", "app", "web");
        passed(fx.groups.sync(vc, sg));
        assertEquals(3, onlyManagerGroup().members().size());
    }

    @Test
    void withoutAVnfTheJobSaysSoAndAppliesTheRest() throws Exception {
        JobRecord job = fx.await(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 0,
                "NA"))));
        assertEquals(JobStatus.FAILED, job.status());
        assertTrue(job.failureReason().startsWith("Task 'Sync bindings' failed: Security group 'web', binding 'b': "
                + "Virtual system " + vs + " has no VNF instance with an inspection port yet. Retry 1 in 2.0 s"),
                job.failureReason());
        assertEquals(1, fx.manager.securityGroupInterfaces().size());

        String port = fx.vnf(vs, "vnf-0", "10.9.0.10");
        passed(fx.reconcile.reconcile(ObjectType.SECURITY_GROUP, sg));
        assertEquals(port, onlyHook().inspectionPortId());
    }

    @Test
    void driftInEitherPluginIsRepairedBySync() throws Exception {
        fx.vnf(vs, "vnf-0", "10.9.0.10");
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "NA"))));
        assertTrue(fx.sdn.deletePortGroup(fx.groups.get(vc, sg).portGroupId()));
        assertTrue(fx.manager.removeSecurityGroup(onlyManagerGroup().id()));
        assertEquals(List.of(), fx.sdn.snapshot().hooks());
        assertEquals(List.of(), fx.manager.securityGroupInterfaces());

        passed(fx.groups.sync(vc, sg));
        assertEquals(fx.groups.get(vc, sg).portGroupId(), onlyHook().inspectedId());
        assertEquals(onlyManagerGroup().id(), onlyMapping().securityGroupId());
        assertEquals(onlyHook().id(), fx.bindings.list(vc, sg).get(0).inspectionHookId());

        // A hook deleted on its own comes back with the binding's own reconcile.
        assertTrue(fx.sdn.deleteHook(onlyHook().id()));
        passed(fx.reconcile.reconcile(ObjectType.SECURITY_GROUP, sg));
        assertEquals(1, fx.sdn.snapshot().hooks().size());
    }

    @Test
    void groupsSpreadOverTheVnfs() throws Exception {
        fx.vnf(vs, "vnf-0", "10.9.0.10");
        fx.vnf(vs, "vnf-1", "10.9.0.11");
        long other = fx.groups.create(vc, SecurityGroupBody.of("other", false, null)).id();
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "NA"))));
        passed(fx.bindings.replace(vc, other, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "NA"))));
        List<HookView> hooks = fx.sdn.snapshot().hooks();
        assertEquals(2, hooks.size());
        assertNotEquals(hooks.get(0).inspectionPortId(), hooks.get(1).inspectionPortId());
    }

    @Test
    void hooksMoveOffAVnfBeingRemoved() throws Exception {
        String first = fx.vnf(vs, "vnf-0", "10.9.0.10");
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "NA"))));
        String hook = onlyHook().id();
        assertEquals(first, onlyHook().inspectionPortId());
        String second = fx.vnf(vs, "vnf-1", "10.9.0.11");
        markVnfForDeletion(first);
        passed(fx.groups.sync(vc, sg));
        assertEquals(hook, onlyHook().id());
        assertEquals(second, onlyHook().inspectionPortId());

        // The last one going takes the hook with it, so that its inspection port can be removed too.
        markVnfForDeletion(onlyHook().inspectionPortId());
        JobRecord job = fx.await(fx.groups.sync(vc, sg));
        assertEquals(JobStatus.FAILED, job.status());
        assertTrue(job.failureReason().contains("Virtual system " + vs
                + " has no VNF instance with an inspection port yet. Retry 1 in "), job.failureReason());
        assertEquals(List.of(), fx.sdn.snapshot().hooks());
        assertEquals(null, fx.bindings.list(vc, sg).get(0).inspectionHookId());
    }

    @Test
    void hooksMoveOffAVnfThatIsNotReadyAndBackWhenItIs() throws Exception {
        String first = fx.vnf(vs, "vnf-0", "10.9.0.10");
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "FAIL_OPEN"))));
        assertEquals(first, onlyHook().inspectionPortId());
        String second = fx.vnf(vs, "vnf-1", "10.9.0.11");
        passed(fx.groups.sync(vc, sg));
        String hook = onlyHook().id();
        String picked = onlyHook().inspectionPortId();
        String other = picked.equals(first) ? second : first;

        podReady(picked, false);
        passed(fx.groups.sync(vc, sg));
        assertEquals(hook, onlyHook().id(), "the same hook, moved");
        assertEquals(other, onlyHook().inspectionPortId(), "to the ready VNF");

        podReady(other, false);
        passed(fx.groups.sync(vc, sg));
        assertEquals(other, onlyHook().inspectionPortId(), "none ready: it stays, its failure policy applies");

        podReady(picked, true);
        podReady(other, true);
        passed(fx.groups.sync(vc, sg));
        assertEquals(picked, onlyHook().inspectionPortId(), "both ready: back where the spread puts it");
    }

    @Test
    void aFailClosedHookStaysOnTheLastVnfGoingSoThatItsTrafficStaysBlocked() throws Exception {
        String only = fx.vnf(vs, "vnf-0", "10.9.0.10");
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "FAIL_CLOSE"))));
        String hook = onlyHook().id();
        markVnfForDeletion(only);
        passed(fx.groups.sync(vc, sg));
        assertEquals(new HookView(hook, ElementKind.PORT_GROUP, fx.groups.get(vc, sg).portGroupId(), only,
                onlyHook().tag(), TagEncapsulation.VLAN, 1, FailurePolicy.FAIL_CLOSE), onlyHook(),
                "kept: with no VNF the plugin blocks the group's traffic");

        String next = fx.vnf(vs, "vnf-1", "10.9.0.11");
        passed(fx.groups.sync(vc, sg));
        assertEquals(next, onlyHook().inspectionPortId(), "the next VNF takes it over");

        // Changing the policy takes effect in place: without a ready VNF a FAIL_OPEN hook lets a going VNF go.
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "FAIL_OPEN"))));
        assertEquals(FailurePolicy.FAIL_OPEN, onlyHook().failurePolicy());
        assertEquals(hook, onlyHook().id(), "the same hook");
        markVnfForDeletion(next);
        fx.await(fx.groups.sync(vc, sg));
        assertEquals(List.of(), fx.sdn.snapshot().hooks());
    }

    @Test
    void aHookLeavingAKeptInspectionPortHasItsDeploymentSpecReconciled() throws Exception {
        List<Long> specsAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx.reconcile.register(new org.osc.server.reconcile.Reconciler() {
            @Override
            public org.osc.server.domain.ObjectType type() {
                return org.osc.server.domain.ObjectType.DEPLOYMENT_SPEC;
            }

            @Override
            public java.util.Optional<Description> describe(long id) {
                return java.util.Optional.of(new Description("record spec " + id));
            }

            @Override
            public org.osc.server.reconcile.Result reconcile(long id,
                    org.osc.server.reconcile.ReconcileContext context) {
                specsAsked.add(id);
                return org.osc.server.reconcile.Result.done();
            }
        });
        String first = fx.vnf(vs, "vnf-0", "10.9.0.10");
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "NA"))));
        fx.vnf(vs, "vnf-1", "10.9.0.11");
        assertEquals(List.of(), specsAsked, "nothing to release yet");

        markVnfForDeletion(first);
        passed(fx.groups.sync(vc, sg));

        long spec = fx.db.inTransaction(s -> s.createSelectionQuery("select i.deploymentSpec.id from "
                + "DistributedApplianceInstance i where i.inspectionPortId = :p", Long.class).setParameter("p", first)
                .getSingleResult());
        // the spec's reconcile is queued by the group's and runs on a worker of its own: wait for it, then a little
        // longer, so that a second one would be seen too
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (specsAsked.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(500);
        assertEquals(List.of(spec), specsAsked, "the spec of the instance kept for its port reconciles, once");
        passed(fx.groups.sync(vc, sg));
        assertEquals(List.of(spec), specsAsked, "a hook that stays where it is asks for nothing: no cycle");
    }

    @Test
    void removingTheBindingRemovesHookMappingAndManagerGroup() throws Exception {
        fx.vnf(vs, "vnf-0", "10.9.0.10");
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "NA"))));
        passed(fx.bindings.replace(vc, sg, List.of()));
        assertEquals(List.of(), fx.sdn.snapshot().hooks());
        assertEquals(List.of(), fx.manager.securityGroupInterfaces());
        assertEquals(List.of(), fx.manager.securityGroups());
        assertEquals(List.of(), fx.bindings.list(vc, sg));
        assertEquals(null, fx.groups.get(vc, sg).managerGroupId());
        assertEquals(1, fx.sdn.snapshot().portGroups().size());
    }

    @Test
    void deletingTheGroupRemovesAllItsPluginState() throws Exception {
        fx.vnf(vs, "vnf-0", "10.9.0.10");
        passed(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "NA"))));
        passed(fx.groups.delete(vc, sg));
        assertEquals(List.of(), fx.sdn.snapshot().hooks());
        assertEquals(List.of(), fx.sdn.snapshot().portGroups());
        assertEquals(List.of(), fx.manager.securityGroupInterfaces());
        assertEquals(List.of(), fx.manager.securityGroups());
        assertEquals(List.of(), fx.groups.list(vc));
        // The VNF's inspection port belongs to its deployment spec, not to the group.
        assertEquals(1, fx.sdn.snapshot().inspectionPorts().size());
    }

    private void markVnfForDeletion(String inspectionPortId) {
        fx.db.run(s -> s.createSelectionQuery("from DistributedApplianceInstance where inspectionPortId = :p",
                DistributedApplianceInstance.class).setParameter("p", inspectionPortId).getSingleResult()
                .markForDeletion());
    }

    private void podReady(String inspectionPortId, boolean ready) {
        fx.db.run(s -> s.createSelectionQuery("from DistributedApplianceInstance where inspectionPortId = :p",
                DistributedApplianceInstance.class).setParameter("p", inspectionPortId).getSingleResult()
                .setPodReady(ready));
    }

    private void passed(long jobId) throws Exception {
        JobRecord job = fx.await(jobId);
        assertEquals(JobStatus.PASSED, job.status(), job.failureReason());
    }

    private HookView onlyHook() {
        List<HookView> hooks = fx.sdn.snapshot().hooks();
        assertEquals(1, hooks.size(), hooks.toString());
        return hooks.get(0);
    }

    private SecurityGroupElement onlyManagerGroup() {
        List<SecurityGroupElement> groups = fx.manager.securityGroups();
        assertEquals(1, groups.size(), groups.toString());
        return groups.get(0);
    }

    private SecurityGroupInterfaceElement onlyMapping() {
        List<SecurityGroupInterfaceElement> mappings = fx.manager.securityGroupInterfaces();
        assertEquals(1, mappings.size(), mappings.toString());
        return mappings.get(0);
    }

    private String deviceId() {
        return fx.db.inTransaction(s -> s.find(org.osc.server.domain.VirtualSystem.class, vs).getManagerDeviceId());
    }

    private Map<String, Long> managerChanges() {
        Map<String, Long> changes = new TreeMap<>();
        // Operations that never changed anything only show up once called: compare the ones that did.
        fx.manager.summary().operations().forEach((op, count) -> {
            if (count.changes() > 0) {
                changes.put(op, count.changes());
            }
        });
        return changes;
    }

    private static Set<String> members(SecurityGroupElement group) {
        return group.members().stream().map(BindingReconcileTest::member).collect(Collectors.toSet());
    }

    private static String member(SecurityGroupMemberElement m) {
        return m.namespace() + "/" + m.name() + ":" + String.join(",", m.ipAddresses());
    }
}
