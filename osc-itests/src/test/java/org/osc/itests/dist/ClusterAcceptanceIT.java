package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.itests.dist.OscRest.json;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The acceptance criteria of the original design (VNF deployment, workload discovery, traffic steering), each as
 * a test of the admin's flow: the assembled distribution run as a process with the sample SDN and manager
 * plugins, driven through its REST API only, on a Kubernetes cluster changed by the test as its users would
 * (see {@link TestCluster}: the simulated cluster, or a real one from {@code OSC_TEST_KUBECONFIG}). What the SDN
 * controller and the manager received is read from the sample plugins' own REST views.
 *
 * <p>The tests build on each other in order (the VNF first, the group, then the binding, undeploy last), as an
 * admin's session does; each asserts one criterion.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAcceptanceIT {

    private static final String PASSWORD = "acceptance-admin";
    /** How long OSC may take to follow a change in the cluster that no REST call told it about. */
    private static final Duration FOLLOW = Duration.ofSeconds(30);

    @TempDir
    static Path folder;
    static TestCluster cluster;
    static DistributionProcess server;
    static OscRest osc;
    static String shop;
    static String blog;
    static long vc;
    static long vs;
    static long spec;
    static long sg;
    static String policy;
    /** Whether the group is bound, so that the manager holds it too. */
    static boolean bound;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(folder.resolve("cluster"));
        shop = cluster.namespace("shop");
        blog = cluster.namespace("blog");
        cluster.createNamespace(shop);
        cluster.createNamespace(blog);
        cluster.createPod(shop, "web-1", Map.of("app", "web", "tier", "front"));
        cluster.createPod(shop, "web-2", Map.of("app", "web"));
        cluster.createPod(shop, "db-1", Map.of("app", "db"));
        cluster.createPod(blog, "web-9", Map.of("app", "web")); // same label, namespace not in the group

        server = new DistributionProcess(folder.resolve("osc"), PASSWORD);
        server.start();
        osc = new OscRest(server.url(), PASSWORD);
        OscRest.within(Duration.ofSeconds(60), "the distribution's three plugins loaded",
                () -> osc.get("server/v1/plugins").path("items").size() == 3, () -> osc.get("server/v1/plugins"));

        vc = osc.post(201, "server/v1/virtualizationConnectors", json(Map.of("name", "cluster", "type", "KUBERNETES",
                "controllerType", "SampleSdn", "kubeconfig", cluster.kubeconfig()))).path("id").asLong();
        SampleAppliance appliance = SampleAppliance.create(osc, vc, "e2e-inspector", Map.of());
        vs = appliance.virtualSystem();
        policy = appliance.policy();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aDeploymentSpecDeploysTheVnfRegistersEachPodAsAnInspectionPortAndTellsTheManager() {
        spec = osc.passedJobOf(osc.post(201, "server/v1/virtualSystems/" + vs + "/deploymentSpecs",
                json(Map.of("name", "vnf", "namespace", shop, "count", 2)))).path("id").asLong();

        Deployment deployment = vnfDeployment();
        assertNotNull(deployment, "the VNF Deployment osc-vnf-" + spec + " exists in " + shop);
        assertEquals(2, deployment.getSpec().getReplicas());
        assertNotNull(cluster.client().network().networkPolicies().inNamespace(shop).withName(vnfName()).get(),
                "the VNF pods' NetworkPolicy exists");
        List<JsonNode> instances = readyInstances(2);
        Set<String> vnfPods = names(cluster.client().pods().inNamespace(shop)
                .withLabels(deployment.getSpec().getSelector().getMatchLabels()).list().getItems());
        assertEquals(vnfPods, new HashSet<>(strings(instances, "name")), "an instance per pod of the Deployment");
        assertEquals(ids(instances, "inspectionPortId"), sdnInspectionPorts(),
                "the SDN controller has exactly the instances' inspection ports");
        assertEquals(ips(instances), managerDeviceMemberIps(), "the manager has a device member per VNF pod");
    }

    @Test
    @Order(2)
    void aVnfDeploymentDeletedByHandComesBackAndItsPodsAreRegisteredAgain() {
        String before = vnfDeployment().getMetadata().getUid();
        Set<String> oldPorts = ids(readyInstances(2), "inspectionPortId");
        int writes = osc.writes();

        cluster.client().apps().deployments().inNamespace(shop).withName(vnfName()).delete();

        OscRest.within(FOLLOW, "the VNF Deployment is recreated", () -> {
            Deployment now = vnfDeployment();
            return now != null && !now.getMetadata().getUid().equals(before);
        }, ClusterAcceptanceIT::vnfDeployment);
        OscRest.within(FOLLOW, "the new VNF pods are registered in place of the old ones", () -> {
            List<JsonNode> instances = instances();
            Set<String> ports = ids(instances, "inspectionPortId");
            return instances.size() == 2 && instances.stream().allMatch(i -> i.path("inspectionReady").asBoolean())
                    && ports.stream().noneMatch(oldPorts::contains) && ports.equals(sdnInspectionPorts());
        }, () -> instances() + " SDN: " + sdnInspectionPorts());
        assertEquals(ips(instances()), managerDeviceMemberIps(), "the manager's device members follow the pods");
        assertEquals(writes, osc.writes(), "no REST call was needed");
    }

    @Test
    @Order(3)
    void scalingTheSpecScalesTheDeploymentAndRegistersTheNewPod() {
        String uid = vnfDeployment().getMetadata().getUid();
        osc.passedJobOf(osc.put(200, "server/v1/virtualSystems/" + vs + "/deploymentSpecs/" + spec,
                json(Map.of("name", "vnf", "namespace", shop, "count", 3))));
        assertEquals(3, vnfDeployment().getSpec().getReplicas());
        assertEquals(uid, vnfDeployment().getMetadata().getUid(), "the same Deployment, scaled");
        assertEquals(ids(readyInstances(3), "inspectionPortId"), sdnInspectionPorts());

        osc.passedJobOf(osc.put(200, "server/v1/virtualSystems/" + vs + "/deploymentSpecs/" + spec,
                json(Map.of("name", "vnf", "namespace", shop, "count", 2))));
        // The Deployment's pod goes after the spec's job: the next reconcile marks it, then deregisters it.
        OscRest.within(FOLLOW, "the removed pod's inspection port is gone",
                () -> ids(readyInstances(2), "inspectionPortId").equals(sdnInspectionPorts()),
                () -> "instances " + instances() + ", SDN inspection ports " + sdnInspectionPorts());
        assertEquals(ips(instances()), managerDeviceMemberIps(), "and so is its device member");
    }

    @Test
    @Order(4)
    void aSecurityGroupByLabelHasExactlyTheMatchingPodsWithTheirPortMacAndIp() {
        sg = osc.passedJobOf(osc.post(201, "server/v1/virtualizationConnectors/" + vc + "/securityGroups",
                json(Map.of("name", "web", "namespaces", List.of(shop))))).path("id").asLong();
        osc.passedJobOf(osc.put(200, group().path() + "/members",
                json(List.of(Map.of("name", "web", "type", "LABEL", "label", "app=web")))));

        assertEquals(Set.of(shop + "/web-1", shop + "/web-2"), group().memberNames(), "app=web in " + shop + " only");
        for (JsonNode member : osc.get(group().path() + "/members").path("items")) {
            Pod pod = cluster.client().pods().inNamespace(shop).withName(member.path("name").asText()).get();
            assertEquals(pod.getMetadata().getUid(), member.path("uid").asText());
            JsonNode port = member.path("ports").get(0);
            assertNotNull(port, "the pod's SDN port: " + member);
            assertFalse(port.path("portId").asText().isBlank(), member.toString());
            assertTrue(port.path("macAddress").asText().matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"), member.toString());
            assertEquals(List.of(pod.getStatus().getPodIP()), strings(port.path("ipAddresses")), member.toString());
        }
        assertEquals(group().memberPorts(), group().portGroupMembers(), "the SDN port group has exactly the members' ports");
        assertEquals(Set.of(), managerGroupMemberIps(), "an unbound group means nothing to the manager yet");
    }

    @Test
    @Order(5)
    void podsCreatedDeletedAndRelabelledAreFollowedWithoutAnyRestCall() {
        int writes = osc.writes();

        cluster.createPod(shop, "web-3", Map.of("app", "web"));
        expectMembers("a new pod labelled app=web joins", Set.of("web-1", "web-2", "web-3"));

        cluster.deletePod(shop, "web-1");
        expectMembers("a deleted pod leaves", Set.of("web-2", "web-3"));

        cluster.label(shop, "db-1", "app", "web");
        expectMembers("a pod relabelled to app=web joins", Set.of("web-2", "web-3", "db-1"));

        cluster.label(shop, "web-2", "app", "other");
        expectMembers("a pod relabelled away leaves", Set.of("web-3", "db-1"));

        cluster.label(blog, "web-9", "tier", "x");
        cluster.createPod(blog, "web-10", Map.of("app", "web"));
        cluster.createPod(shop, "web-4", Map.of("app", "web"));
        expectMembers("pods outside the group's namespaces stay out", Set.of("web-3", "db-1", "web-4"));
        assertEquals(writes, osc.writes(), "no REST call was needed");
    }

    @Test
    @Order(6)
    void bindingTheGroupInstallsAHookFromItsPortGroupToAnInspectionPortOfTheVnf() {
        osc.passedJobOf(osc.put(200, group().path() + "/bindings", json(List.of(Map.of("virtualSystemId", vs,
                "name", "inspect-web", "policyIds", List.of(policy), "order", 1, "failurePolicyType", "FAIL_CLOSE")))));

        JsonNode hooks = osc.get("plugins/sample/sdn/hooks").path("items");
        assertEquals(1, hooks.size(), hooks.toString());
        JsonNode hook = hooks.get(0);
        assertEquals("PORT_GROUP", hook.path("inspectedKind").asText());
        assertEquals(group().portGroup().path("id").asText(), hook.path("inspectedId").asText());
        assertTrue(ids(instances(), "inspectionPortId").contains(hook.path("inspectionPortId").asText()),
                "the hook leads to one of the VNF's inspection ports: " + hook);
        assertEquals(1, hook.path("order").asLong());
        assertEquals("FAIL_CLOSE", hook.path("failurePolicy").asText());
        assertEquals(group().memberPorts(), group().portGroupMembers(), "the hooked port group has the group's pods");
        for (JsonNode member : osc.get(group().path() + "/members").path("items")) {
            assertEquals(hook.path("id").asText(), member.path("ports").get(0).path("inspectionHookId").asText(),
                    "members show the hook that covers them: " + member);
        }
        JsonNode mappings = osc.get("plugins/sample/manager/security-group-interfaces").path("items");
        assertEquals(1, mappings.size(), "the manager maps the group to the policy: " + mappings);
        assertEquals(memberIps(), managerGroupMemberIps(), "the manager's security group has the group's pods");
        bound = true;
    }

    @Test
    @Order(7)
    void theSdnControllerReceivesTheRightPortGroupWhenAMatchingPodIsCreatedOrDeleted() {
        int writes = osc.writes();
        String hook = osc.get("plugins/sample/sdn/hooks").path("items").get(0).path("id").asText();

        cluster.createPod(shop, "web-5", Map.of("app", "web"));
        expectMembers("the new pod is in the hooked port group", Set.of("web-3", "db-1", "web-4", "web-5"));
        cluster.deletePod(shop, "web-3");
        expectMembers("the deleted pod left the hooked port group", Set.of("db-1", "web-4", "web-5"));

        JsonNode hooks = osc.get("plugins/sample/sdn/hooks").path("items");
        assertEquals(1, hooks.size(), hooks.toString());
        assertEquals(hook, hooks.get(0).path("id").asText(), "the hook stays; only its port group's members change");
        assertEquals(writes, osc.writes(), "no REST call was needed");
    }

    @Test
    @Order(8)
    void whenTheHookedVnfPodIsReplacedTheHookMovesToTheReplacement() {
        int writes = osc.writes();
        JsonNode hook = osc.get("plugins/sample/sdn/hooks").path("items").get(0);
        String oldPort = hook.path("inspectionPortId").asText();
        String hookedPod = instances().stream().filter(i -> i.path("inspectionPortId").asText().equals(oldPort))
                .findFirst().orElseThrow().path("name").asText();

        cluster.deletePod(shop, hookedPod);

        OscRest.within(FOLLOW, "the hook leads to a live VNF pod's inspection port, the old port is gone", () -> {
            JsonNode hooks = osc.get("plugins/sample/sdn/hooks").path("items");
            List<JsonNode> instances = instances();
            Set<String> ports = ids(instances, "inspectionPortId");
            return hooks.size() == 1 && instances.size() == 2
                    && instances.stream().allMatch(i -> i.path("inspectionReady").asBoolean())
                    && instances.stream().noneMatch(i -> i.path("name").asText().equals(hookedPod))
                    && ports.contains(hooks.get(0).path("inspectionPortId").asText())
                    && sdnInspectionPorts().equals(ports);
        }, () -> "hooks " + osc.get("plugins/sample/sdn/hooks") + ", instances " + instances()
                + ", SDN inspection ports " + sdnInspectionPorts());
        assertEquals(writes, osc.writes(), "no REST call was needed");
    }

    @Test
    @Order(9)
    void whenTheHookedVnfPodIsNotReadyTheHookMovesToAReadyOneAndWithNoneReadyItsPortIsUnhealthy() {
        int writes = osc.writes();
        String oldPort = osc.get("plugins/sample/sdn/hooks").path("items").get(0).path("inspectionPortId").asText();
        String hooked = podOf(oldPort);
        String other = instances().stream().map(i -> i.path("name").asText()).filter(n -> !n.equals(hooked))
                .findFirst().orElseThrow();

        long failed = System.nanoTime();
        cluster.setReady(shop, hooked, false);
        OscRest.within(FOLLOW, "the hook moved to the ready VNF, the unready one's port is unhealthy", () -> {
            JsonNode hooks = osc.get("plugins/sample/sdn/hooks").path("items");
            return hooks.size() == 1 && podOf(hooks.get(0).path("inspectionPortId").asText()).equals(other)
                    && unhealthyPorts().equals(Set.of(oldPort));
        }, () -> "hooks " + osc.get("plugins/sample/sdn/hooks") + ", instances " + instances());
        System.out.printf("VNF pod not ready -> hook on the ready VNF: %d ms%n",
                (System.nanoTime() - failed) / 1_000_000);
        assertTrue(instances().stream().anyMatch(i -> i.path("name").asText().equals(hooked)
                && !i.path("podReady").asBoolean()), "the instance shows its pod is not ready: " + instances());

        String movedTo = osc.get("plugins/sample/sdn/hooks").path("items").get(0).path("inspectionPortId").asText();
        cluster.setReady(shop, other, false);
        OscRest.within(FOLLOW, "no VNF ready: the FAIL_CLOSE hook stays, on an unhealthy port", () -> {
            JsonNode hooks = osc.get("plugins/sample/sdn/hooks").path("items");
            return hooks.size() == 1 && unhealthyPorts().size() == 2
                    && hooks.get(0).path("inspectionPortId").asText().equals(movedTo);
        }, () -> "hooks " + osc.get("plugins/sample/sdn/hooks") + ", unhealthy " + unhealthyPorts());

        cluster.setReady(shop, hooked, true);
        cluster.setReady(shop, other, true);
        OscRest.within(FOLLOW, "both ready again: every inspection port healthy",
                () -> unhealthyPorts().isEmpty() && osc.get("plugins/sample/sdn/hooks").path("items").size() == 1,
                () -> "hooks " + osc.get("plugins/sample/sdn/hooks") + ", unhealthy " + unhealthyPorts());
        assertEquals(writes, osc.writes(), "no REST call was needed");
    }

    @Test
    @Order(10)
    void afterAnApiServerRestartOscConvergesOnWhatChanged() throws Exception {
        cluster.restartApiServer();
        cluster.createPod(shop, "web-6", Map.of("app", "web"));
        cluster.deletePod(shop, "web-4");
        expectMembers("changes after the API server restart are followed", Set.of("db-1", "web-5", "web-6"));
    }

    @Test
    @Order(11)
    void afterWatchesExpireOscRelistsAndMissesNothing() throws Exception {
        cluster.expireWatches();
        cluster.label(shop, "db-1", "app", "db");
        cluster.createPod(shop, "web-7", Map.of("app", "web"));
        expectMembers("changes around a 410 Gone are followed", Set.of("web-5", "web-6", "web-7"));
    }

    @Test
    @Order(12)
    void undeployingABoundSpecIsOneJobThatMovesTheHooksAndRemovesTheVnf() {
        assertEquals(1, osc.get("plugins/sample/sdn/hooks").path("items").size(), "the group is bound, with its hook");
        long newestBefore = osc.get("server/v1/jobs?limit=1").path("items").path(0).path("id").asLong();

        long undeploy = osc.delete(202, "server/v1/virtualSystems/" + vs + "/deploymentSpecs/" + spec).path("jobId")
                .asLong();
        JsonNode job = osc.passed(undeploy);

        assertEquals(0, osc.get("plugins/sample/sdn/hooks").path("items").size(),
                "the group's hook left the VNF first");
        assertTrue(StreamSupport.stream(osc.get("server/v1/jobs/" + undeploy + "/tasks").path("items").spliterator(),
                false).anyMatch(t -> t.path("name").asText().startsWith("Reconcile security group")),
                "the bound group was reconciled inside the undeploy's job: " + job);
        for (JsonNode other : osc.get("server/v1/jobs?limit=50").path("items")) {
            boolean aboutSpec = StreamSupport.stream(other.path("objects").spliterator(), false)
                    .anyMatch(o -> o.path("type").asText().equals("DEPLOYMENT_SPEC") && o.path("id").asLong() == spec);
            assertTrue(other.path("id").asLong() <= newestBefore || !aboutSpec
                    || other.path("id").asLong() == undeploy, "no second job about the spec: " + other);
        }
        assertEquals(null, vnfDeployment(), "the VNF Deployment is gone");
        assertEquals(null, cluster.client().network().networkPolicies().inNamespace(shop).withName(vnfName()).get(),
                "the NetworkPolicy is gone");
        OscRest.within(FOLLOW, "the VNF pods are gone", () -> cluster.client().pods().inNamespace(shop)
                .list().getItems().stream().noneMatch(p -> p.getMetadata().getName().startsWith(vnfName() + "-")),
                () -> names(cluster.client().pods().inNamespace(shop).list().getItems()));
        assertEquals(0, instances().size(), "no instance is left");
        assertEquals(Set.of(), sdnInspectionPorts(), "the SDN controller has no inspection port left");
        assertEquals(Set.of(), managerDeviceMemberIps(), "the manager has no device member left");
        assertEquals(404, osc.status("server/v1/virtualSystems/" + vs + "/deploymentSpecs/" + spec));

        osc.passedJobOf(osc.put(200, group().path() + "/bindings", "[]"));
        bound = false;
        assertEquals(Set.of(), managerGroupMemberIps(), "the manager dropped the group with its last binding");
    }

    @Test
    @Order(13)
    void parallelCreatesOfOneNameMakeOneObjectAndAnswer409ToTheRest() throws Exception {
        String groups = "server/v1/virtualizationConnectors/" + vc + "/securityGroups";
        String specs = "server/v1/virtualSystems/" + vs + "/deploymentSpecs";
        for (String[] race : List.of(new String[] {groups, json(Map.of("name", "race", "namespaces", List.of(shop)))},
                new String[] {specs, json(Map.of("name", "race", "namespace", shop, "count", 0))})) {
            ExecutorService clients = Executors.newFixedThreadPool(20);
            try {
                List<Future<OscRest.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    answers.add(clients.submit(() -> osc.send("POST", race[0], race[1])));
                }
                Map<Integer, Integer> statuses = new TreeMap<>();
                long created = 0;
                for (Future<OscRest.Answer> answer : answers) {
                    OscRest.Answer reply = answer.get(60, TimeUnit.SECONDS);
                    statuses.merge(reply.status(), 1, Integer::sum);
                    if (reply.status() == 201) {
                        created = reply.json().path("id").asLong();
                    } else {
                        assertTrue(reply.body().contains("\"field\":\"name\""), reply.body());
                    }
                }
                assertEquals(Map.of(201, 1, 409, 19), statuses, race[0]);
                if (race[0].equals(groups)) {
                    concurrentMemberWrites(clients, groups + "/" + created + "/members");
                }
                osc.passed(osc.delete(202, race[0] + "/" + created).path("jobId").asLong());
            } finally {
                clients.shutdownNow();
            }
        }
    }

    /** 20 parallel replacements of one group's members: each answers 200 or 409, never a 500; the group stays whole. */
    private static void concurrentMemberWrites(ExecutorService clients, String members) throws Exception {
        List<Future<OscRest.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String label = "app=race-" + (i % 3);
            answers.add(clients.submit(() -> osc.send("PUT", members,
                    json(List.of(Map.of("name", "m", "type", "LABEL", "label", label))))));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Future<OscRest.Answer> answer : answers) {
            statuses.merge(answer.get(60, TimeUnit.SECONDS).status(), 1, Integer::sum);
        }
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 409) && statuses.containsKey(200),
                "statuses " + statuses);
        // the group is left whole: a further replacement is accepted and reconciled
        osc.passedJobOf(osc.put(200, members, json(List.of(Map.of("name", "m", "type", "LABEL", "label", "app=db")))));
        assertEquals(osc.get(members).path("items").size(), cluster.client().pods().inNamespace(shop)
                .withLabel("app", "db").list().getItems().size(), "the group has the pods of its last members");
    }

    // --- what OSC, the SDN controller and the manager show

    private static String podOf(String inspectionPort) {
        return instances().stream().filter(i -> i.path("inspectionPortId").asText().equals(inspectionPort))
                .findFirst().map(i -> i.path("name").asText()).orElse("");
    }

    private static Set<String> unhealthyPorts() {
        Set<String> ports = new HashSet<>();
        osc.get("plugins/sample/sdn/inspection-ports").path("unhealthy").forEach(p -> ports.add(p.asText()));
        return ports;
    }

    private static void expectMembers(String description, Set<String> pods) {
        Set<String> wanted = new TreeSet<>();
        pods.forEach(p -> wanted.add(shop + "/" + p));
        OscRest.within(FOLLOW, description, () -> {
            if (!group().memberNames().equals(wanted)) {
                return false;
            }
            Set<String> ports = group().memberPorts();
            return ports.size() == wanted.size() && ports.equals(group().portGroupMembers())
                    && (!bound || memberIps().equals(managerGroupMemberIps()));
        }, () -> "members " + group().memberNames() + ", their ports " + group().memberPorts() + ", SDN port group "
                + group().portGroupMembers() + ", member IPs " + memberIps() + ", manager group " + managerGroupMemberIps());
    }

    private static Set<String> memberIps() {
        Set<String> ips = new TreeSet<>();
        osc.get(group().path() + "/members").path("items").forEach(m -> m.path("ports")
                .forEach(p -> ips.addAll(strings(p.path("ipAddresses")))));
        return ips;
    }

    private static Set<String> managerGroupMemberIps() {
        Set<String> ips = new TreeSet<>();
        for (JsonNode group : osc.get("plugins/sample/manager/security-groups").path("items")) {
            if (group.path("oscSecurityGroupId").asText().equals(Long.toString(sg))) {
                group.path("members").forEach(m -> ips.addAll(strings(m.path("ipAddresses"))));
            }
        }
        return ips;
    }

    private static List<JsonNode> instances() {
        return StreamSupport.stream(osc.get("server/v1/virtualSystems/" + vs + "/distributedApplianceInstances")
                .path("items").spliterator(), false).toList();
    }

    private static List<JsonNode> readyInstances(int count) {
        OscRest.within(FOLLOW, count + " VNF instances inspection-ready", () -> {
            List<JsonNode> instances = instances();
            return instances.size() == count && instances.stream().allMatch(i -> i.path("inspectionReady").asBoolean());
        }, ClusterAcceptanceIT::instances);
        return instances();
    }

    private static Set<String> sdnInspectionPorts() {
        Set<String> ids = new TreeSet<>();
        osc.get("plugins/sample/sdn/inspection-ports").path("items").forEach(p -> ids.add(p.path("id").asText()));
        return ids;
    }

    private static Set<String> managerDeviceMemberIps() {
        Set<String> ips = new TreeSet<>();
        osc.get("plugins/sample/manager/devices").path("items").forEach(d -> d.path("members")
                .forEach(m -> ips.addAll(strings(m.path("ipAddresses")))));
        return ips;
    }

    private static Deployment vnfDeployment() {
        return cluster.client().apps().deployments().inNamespace(shop).withName(vnfName()).get();
    }

    private static String vnfName() {
        return "osc-vnf-" + spec;
    }

    private static Set<String> ids(List<JsonNode> nodes, String field) {
        Set<String> ids = new TreeSet<>();
        nodes.forEach(n -> {
            if (!n.path(field).isNull() && !n.path(field).isMissingNode()) {
                ids.add(n.path(field).asText());
            }
        });
        return ids;
    }

    private static Set<String> ips(List<JsonNode> instances) {
        Set<String> ips = new TreeSet<>();
        instances.forEach(i -> ips.add(i.path("ipAddress").asText()));
        return ips;
    }

    private static Set<String> names(List<Pod> pods) {
        Set<String> names = new HashSet<>();
        pods.forEach(p -> names.add(p.getMetadata().getName()));
        return names;
    }

    private static List<String> strings(List<JsonNode> nodes, String field) {
        return nodes.stream().map(n -> n.path(field).asText()).toList();
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static GroupView group() {
        return new GroupView(osc, vc, sg);
    }
}
