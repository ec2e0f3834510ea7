package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.itests.dist.OscRest.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Racing replacements of one security group's bindings over HTTP, on H2 and on PostgreSQL (see
 * {@link TestDatabase}): 20 clients {@code PUT} different binding sets at once (a binding each, differing in name,
 * order, failure policy and policies), first onto a group with no binding, then (with a few empty sets among them)
 * onto the binding the first round left. Every answer is 200 or 409, never a 500; afterwards the group has exactly
 * one of the submitted sets, whole, and the SDN controller's inspection hook and the manager's policy mapping (the
 * sample plugins' REST views) converge to that set.
 */
class BindingRaceIT {

    private static final String PASSWORD = "binding-race-admin";
    private static final int CLIENTS = 20;
    /** How long the plugins may take to follow the group's last accepted set. */
    private static final Duration CONVERGE = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void parallelReplacementsLeaveOneWholeSubmittedSetAndThePluginsFollowIt(String kind) throws Exception {
        try (TestDatabase database = TestDatabase.start(kind, folder);
                TestCluster cluster = TestCluster.start(folder.resolve("cluster"));
                DistributionProcess server = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            String shop = cluster.namespace("shop");
            cluster.createNamespace(shop);
            cluster.createPod(shop, "web-1", Map.of("app", "web"));
            cluster.createPod(shop, "web-2", Map.of("app", "web"));
            database.configure(server);
            server.start();
            OscRest osc = new OscRest(server.url(), PASSWORD);
            OscRest.within(Duration.ofSeconds(60), "the distribution's three plugins loaded",
                    () -> osc.get("server/v1/plugins").path("items").size() == 3, () -> osc.get("server/v1/plugins"));
            long vc = osc.post(201, "server/v1/virtualizationConnectors", json(Map.of("name", "cluster", "type",
                    "KUBERNETES", "controllerType", "SampleSdn", "kubeconfig", cluster.kubeconfig()))).path("id")
                    .asLong();
            SampleAppliance appliance = SampleAppliance.create(osc, vc, "race-inspector", Map.of());
            long vs = appliance.virtualSystem();
            osc.passedJobOf(osc.post(201, "server/v1/virtualSystems/" + vs + "/deploymentSpecs",
                    json(Map.of("name", "vnf", "namespace", shop, "count", 1))));
            OscRest.within(CONVERGE, "the VNF instance inspection-ready", () -> {
                JsonNode instances = osc.get("server/v1/virtualSystems/" + vs + "/distributedApplianceInstances")
                        .path("items");
                return instances.size() == 1 && instances.get(0).path("inspectionReady").asBoolean();
            }, () -> osc.get("server/v1/virtualSystems/" + vs + "/distributedApplianceInstances"));
            long sg = osc.passedJobOf(osc.post(201, "server/v1/virtualizationConnectors/" + vc + "/securityGroups",
                    json(Map.of("name", "web", "namespaces", List.of(shop))))).path("id").asLong();
            GroupView group = new GroupView(osc, vc, sg);
            osc.passedJobOf(osc.put(200, group.path() + "/members",
                    json(List.of(Map.of("name", "web", "type", "LABEL", "label", "app=web")))));
            List<String> policies = new ArrayList<>();
            osc.get("server/v1/applianceManagerConnectors").path("items").forEach(mc -> osc.get(
                    "server/v1/applianceManagerConnectors/" + mc.path("id").asLong() + "/domains").path("items")
                    .get(0).path("policies").forEach(p -> policies.add(p.path("id").asText())));
            assertTrue(policies.size() >= 2, "the sample manager's domain has policies: " + policies);

            List<BindingSet> firstSets = sets("first", policies, false);
            Map<Integer, Integer> first = race(osc, group, vs, firstSets);
            BindingSet kept = converged(osc, group, firstSets);
            assertTrue(kept.name() != null, "a binding was kept");
            List<BindingSet> secondSets = sets("second", policies, true);
            Map<Integer, Integer> second = race(osc, group, vs, secondSets);
            BindingSet keptAgain = converged(osc, group, secondSets);
            System.out.printf("BINDING RACE %s: onto no binding %s -> %s; onto a binding %s -> %s%n", kind, first,
                    kept, second, keptAgain);
            String log = Files.readString(server.home().resolve("data/logs/osc.log"));
            assertFalse(log.contains("Unexpected error"), () -> "no unexpected error in the log: "
                    + log.lines().dropWhile(l -> !l.contains("Unexpected error")).limit(40).toList());
        }
    }

    /** One binding set a client submits: empty, or one binding to the virtual system. */
    private record BindingSet(String name, int order, String failurePolicy, List<String> policyIds) {

        static final BindingSet NONE = new BindingSet(null, 0, null, List.of());

        String body(long vs) {
            return name == null ? "[]" : json(List.of(Map.of("virtualSystemId", vs, "name", name, "order", order,
                    "failurePolicyType", failurePolicy, "policyIds", policyIds)));
        }

        @Override
        public String toString() {
            return name == null ? "[]" : name + "(order " + order + ", " + failurePolicy + ", " + policyIds + ")";
        }
    }

    /**
     * @param empty whether a few sets are empty (every seventh); an empty set accepted marks the binding for
     *     deletion, and the group refuses new bindings to its virtual system (409) until its job removed it
     * @return the sets of a round, one per client, each different in every field
     */
    private static List<BindingSet> sets(String round, List<String> policies, boolean empty) {
        List<BindingSet> sets = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            if (empty && i % 7 == 6) {
                sets.add(BindingSet.NONE);
                continue;
            }
            List<String> ids = i % 2 == 0 ? List.of(policies.get(i % policies.size()))
                    : Stream.of(policies.get(i % policies.size()), policies.get((i + 1) % policies.size())).sorted()
                            .toList();
            sets.add(new BindingSet(round + "-" + i, 10 + i, i % 3 == 0 ? "FAIL_OPEN" : "FAIL_CLOSE", ids));
        }
        return sets;
    }

    /**
     * {@value #CLIENTS} clients PUT the sets at once (released together): each answer is 200 or 409.
     *
     * @return how many answers of each status
     */
    private static Map<Integer, Integer> race(OscRest osc, GroupView group, long vs, List<BindingSet> sets)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<OscRest.Answer>> answers = new ArrayList<>();
            for (BindingSet set : sets) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return osc.send("PUT", group.path() + "/bindings", set.body(vs));
                }));
            }
            go.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<OscRest.Answer> answer : answers) {
                OscRest.Answer reply = answer.get(60, TimeUnit.SECONDS);
                statuses.merge(reply.status(), 1, Integer::sum);
                assertTrue(reply.status() == 200 || reply.status() == 409, "200 or 409, got " + reply.status() + ": "
                        + reply.body());
            }
            assertTrue(statuses.containsKey(200), "some replacement is accepted: " + statuses);
            return statuses;
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * The group's bindings are one of the sets, whole; once its jobs are done, the SDN controller's hook and the
     * manager's mapping are that set's.
     *
     * @return the set the group kept
     */
    private static BindingSet converged(OscRest osc, GroupView group, List<BindingSet> sets) {
        List<JsonNode> live = StreamSupport.stream(osc.get(group.path() + "/bindings").path("items").spliterator(),
                false).filter(b -> !b.path("markedForDeletion").asBoolean()).toList();
        assertTrue(live.size() <= 1, "one binding at most (the sample SDN plugin does not chain): " + live);
        BindingSet kept;
        if (live.isEmpty()) {
            kept = BindingSet.NONE;
        } else {
            JsonNode binding = live.get(0);
            kept = sets.stream().filter(set -> binding.path("name").asText().equals(set.name())).findFirst()
                    .orElse(null);
            assertTrue(kept != null, "the binding is one that was submitted: " + binding);
            BindingSet stored = new BindingSet(binding.path("name").asText(), binding.path("order").asInt(),
                    binding.path("failurePolicyType").asText(), StreamSupport.stream(binding.path("policyIds")
                            .spliterator(), false).map(JsonNode::asText).sorted().toList());
            assertEquals(kept, stored, "the binding is the submitted set, whole: " + binding);
        }
        BindingSet wanted = kept;
        OscRest.within(CONVERGE, "the SDN hook and the manager's mapping follow " + wanted,
                () -> pluginsShow(osc, group, wanted), () -> "bindings " + osc.get(group.path() + "/bindings")
                        + ", hooks " + osc.get("plugins/sample/sdn/hooks") + ", mappings "
                        + osc.get("plugins/sample/manager/security-group-interfaces"));
        return kept;
    }

    /** @return whether the sample plugins show exactly the set for the group, and OSC no binding left to remove */
    private static boolean pluginsShow(OscRest osc, GroupView group, BindingSet set) {
        JsonNode bindings = osc.get(group.path() + "/bindings").path("items");
        if (bindings.size() != (set.name() == null ? 0 : 1)) {
            return false; // a binding still being removed
        }
        String portGroup = group.portGroup().path("id").asText();
        List<JsonNode> hooks = StreamSupport.stream(osc.get("plugins/sample/sdn/hooks").path("items").spliterator(),
                false)
                .filter(h -> h.path("inspectedId").asText().equals(portGroup)).toList();
        List<JsonNode> mappings = StreamSupport.stream(osc.get("plugins/sample/manager/security-group-interfaces")
                .path("items").spliterator(), false).toList();
        if (set.name() == null) {
            return hooks.isEmpty() && mappings.isEmpty();
        }
        if (hooks.size() != 1 || mappings.size() != 1) {
            return false;
        }
        JsonNode hook = hooks.get(0);
        JsonNode mapping = mappings.get(0);
        List<String> mapped = StreamSupport.stream(mapping.path("policyIds").spliterator(), false)
                .map(JsonNode::asText).sorted().toList();
        return hook.path("order").asInt() == set.order() && hook.path("failurePolicy").asText()
                .equals(set.failurePolicy()) && hook.path("id").asText().equals(bindings.get(0)
                        .path("inspectionHookId").asText()) && mapping.path("name").asText().equals(set.name())
                && mapping.path("order").asInt() == set.order() && mapped.equals(set.policyIds());
    }
}
