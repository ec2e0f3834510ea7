package org.osc.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osc.platform.api.DeploymentTarget;
import org.osc.platform.api.VirtualizationPlatform;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The security admin's flow of API.md through REST only, in the assembled runtime with both sample plugins,
 * on the test implementation of the virtualization connector ({@link FakeCluster}); each step is checked in
 * the sample plugins' own REST state. Then a plugin is removed and the objects that use it fail their jobs
 * with a readable reason while the server stays up.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class AdminFlowIT {

    private static final String ADMIN = "admin";
    private static final String PASSWORD = AssembledRuntime.ADMIN_PASSWORD;
    private static final int PORT = AssembledRuntime.port();
    private static final Path HOME = AssembledRuntime.home();
    private static final FakeCluster CLUSTER = new FakeCluster();
    private static final Map<String, Long> IDS = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    private BundleContext context;

    private final Http http = new Http(PORT);

    @Configuration
    public Option[] config() {
        return AssembledRuntime.options(HOME, PORT);
    }

    @Before
    public void ready() throws Exception {
        http.awaitReady(Duration.ofSeconds(60));
        if (!IDS.containsKey("registered")) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_RANKING, 1000);
            context.registerService(new String[] { VirtualizationPlatform.class.getName(),
                    DeploymentTarget.class.getName() }, CLUSTER, props);
            for (String plugin : new String[] { "sdn-sample-plugin", "manager-sample-plugin" }) {
                Files.copy(AssembledRuntime.distPlugin(plugin), HOME.resolve("plugins").resolve(plugin + ".jar"));
            }
            IDS.put("registered", 1L);
        }
        await(() -> get("server/v1/plugins"), r -> r.json().path("items").size() == 2, "both sample plugins");
    }

    @Test
    public void a_theAdminFlowReachesThePlugins() throws Exception {
        // 1. plugins present, with their capabilities
        JsonNode plugins = get("server/v1/plugins").json().path("items");
        assertEquals("SampleManager", plugins.path(0).path("name").asText());
        assertEquals("SampleSdn", plugins.path(1).path("name").asText());
        assertTrue(plugins.path(1).path("capabilities").path("supportsPortGroup").asBoolean());

        // 2. virtualization connector naming the SDN plugin
        long vc = created(post("server/v1/virtualizationConnectors", "{\"name\":\"cluster-1\",\"type\":\"KUBERNETES\","
                + "\"controllerType\":\"SampleSdn\",\"apiServerUrl\":\"https://cluster.test\",\"token\":\"secret\"}"));
        JsonNode vcBody = get("server/v1/virtualizationConnectors/" + vc).json();
        assertTrue("the token is write-only", vcBody.path("token").isMissingNode());

        // 3. manager connector; its domains and policies are read from the manager
        Http.Reply mc = post("server/v1/applianceManagerConnectors", "{\"name\":\"manager-1\",\"managerType\":"
                + "\"SampleManager\",\"ipAddress\":\"127.0.0.1\",\"username\":\"admin\",\"password\":\"admin123\"}");
        long mcId = created(mc);
        assertPassed(mc);
        JsonNode domains = get("server/v1/applianceManagerConnectors/" + mcId + "/domains").json().path("items");
        JsonNode domain = domains.path(0);
        String domainId = domain.path("id").asText(domain.path("domainId").asText());
        String policyId = domain.path("policies").path(0).path("id").asText(
                domain.path("policies").path(0).path("policyId").asText());
        assertTrue("the manager's policies are known: " + domains, !policyId.isEmpty());

        // 4. catalog: appliance and its container image
        long appliance = created(post("server/v1/catalog", "{\"model\":\"inspector\",\"managerType\":"
                + "\"SampleManager\",\"managerVersion\":\"1.0\"}"));
        long version = created(post("server/v1/catalog/" + appliance + "/versions", "{\"swVersion\":\"1.0\","
                + "\"virtualizationType\":\"KUBERNETES\",\"virtualizationVersion\":\"1.32\","
                + "\"imageUrl\":\"registry.example.com/inspector:1.0\"}"));

        // 5. distributed appliance → a virtual system and one manager device
        Http.Reply da = post("server/v1/distributedAppliances", "{\"name\":\"da-1\",\"managerConnectorId\":" + mcId
                + ",\"applianceSoftwareVersionId\":" + version + ",\"virtualSystems\":[{\"vcId\":" + vc
                + ",\"domainId\":\"" + domainId + "\"}]}");
        long daId = created(da);
        assertPassed(da);
        long vs = get("server/v1/distributedAppliances/" + daId).json().path("virtualSystems").path(0).path("id")
                .asLong();
        assertEquals(1, get("plugins/sample/manager/devices").json().path("items").size());

        // 6. deployment spec → VNF instances with inspection ports, device members on the manager
        Http.Reply ds = post("server/v1/virtualSystems/" + vs + "/deploymentSpecs",
                "{\"name\":\"ds-1\",\"namespace\":\"shop\",\"count\":2}");
        created(ds);
        assertPassed(ds);
        assertEquals(2, CLUSTER.vnfCount());
        JsonNode instances = get("server/v1/virtualSystems/" + vs + "/distributedApplianceInstances").json()
                .path("items");
        assertEquals(2, instances.size());

        // 7. security group by label → exactly the matching pods, a port group and a manager group
        CLUSTER.addPod("shop", "web-1", Map.of("app", "web"));
        CLUSTER.addPod("shop", "web-2", Map.of("app", "web"));
        CLUSTER.addPod("shop", "db-1", Map.of("app", "db"));
        Http.Reply sg = post("server/v1/virtualizationConnectors/" + vc + "/securityGroups", "{\"name\":\"web\"}");
        long sgId = created(sg);
        assertPassed(sg);
        Http.Reply members = put("server/v1/virtualizationConnectors/" + vc + "/securityGroups/" + sgId + "/members",
                "[{\"name\":\"web\",\"type\":\"LABEL\",\"label\":\"app=web\"}]");
        assertPassed(members);
        JsonNode pods = get("server/v1/virtualizationConnectors/" + vc + "/securityGroups/" + sgId + "/members")
                .json().path("items");
        assertEquals("web-1 and web-2, not db-1: " + pods, 2, pods.size());
        JsonNode portGroups = get("plugins/sample/sdn/port-groups").json().path("items");
        assertEquals(1, portGroups.size());
        assertEquals(2, portGroups.path(0).path("members").size());

        // 8. binding → inspection hook with order and failure policy; the manager's policy mapping
        Http.Reply binding = put("server/v1/virtualizationConnectors/" + vc + "/securityGroups/" + sgId
                + "/bindings", "[{\"virtualSystemId\":" + vs + ",\"name\":\"web-inspect\",\"policyIds\":[\""
                + policyId + "\"],\"order\":1,\"failurePolicyType\":\"FAIL_CLOSE\"}]");
        assertPassed(binding);
        JsonNode hooks = get("plugins/sample/sdn/hooks").json().path("items");
        assertEquals(1, hooks.size());
        assertEquals("FAIL_CLOSE", hooks.path(0).path("failurePolicy").asText());
        assertEquals(1, get("plugins/sample/manager/security-group-interfaces").json().path("items").size());

        // 9. sync re-runs the reconcile: nothing changes when nothing drifted; a new pod joins
        CLUSTER.addPod("shop", "web-3", Map.of("app", "web"));
        Http.Reply sync = post("server/v1/virtualizationConnectors/" + vc + "/securityGroups/" + sgId + "/sync", "");
        assertPassed(sync);
        assertEquals(3, get("plugins/sample/sdn/port-groups").json().path("items").path(0).path("members").size());
        IDS.put("vc", vc);
        IDS.put("sg", sgId);
    }

    @Test
    public void b_aRemovedPluginFailsTheJobsOfItsObjectsReadably() throws Exception {
        long vc = IDS.get("vc");
        long sg = IDS.get("sg");
        assertEquals(204, http.delete("server/v1/plugins/SampleSdn", ADMIN, PASSWORD).status());
        Http.Reply sync = post("server/v1/virtualizationConnectors/" + vc + "/securityGroups/" + sg + "/sync", "");
        JsonNode job = awaitJob(sync.json().path("jobId").asLong());
        assertEquals("FAILED", job.path("status").asText());
        String reason = job.path("failureReason").asText();
        assertTrue(reason, reason.contains("SampleSdn") && reason.contains("not installed"));
        assertEquals(200, http.get("server/v1/serverManagement/status", null, null).status());
        assertTrue(reason, reason.contains(". Retry "));
        // The missing plugin is transient: the group is retried with backoff (its last job may be a retry now).
        JsonNode group = get("server/v1/virtualizationConnectors/" + vc + "/securityGroups/" + sg).json();
        assertFalse(group.toString(), group.path("nextRetryAt").isNull());
        assertNotEquals(group.toString(), "PASSED", group.path("lastJobStatus").asText());
    }

    private Http.Reply get(String path) {
        return http.get(path, ADMIN, PASSWORD);
    }

    private Http.Reply post(String path, String json) {
        return http.post(path, ADMIN, PASSWORD, json);
    }

    private Http.Reply put(String path, String json) {
        return http.put(path, ADMIN, PASSWORD, json);
    }

    private static long created(Http.Reply reply) {
        assertTrue(reply.status() + " " + reply.body(), reply.status() == 201 || reply.status() == 200
                || reply.status() == 202);
        return reply.json().path("id").asLong();
    }

    private void assertPassed(Http.Reply reply) throws InterruptedException {
        assertTrue("a job was started: " + reply.body(), reply.json().has("jobId"));
        JsonNode job = awaitJob(reply.json().path("jobId").asLong());
        assertEquals("job " + job, "PASSED", job.path("status").asText());
    }

    private JsonNode awaitJob(long jobId) throws InterruptedException {
        return await(() -> get("server/v1/jobs/" + jobId), r -> "COMPLETED".equals(r.json().path("state").asText()),
                "job " + jobId).json();
    }

    private static Http.Reply await(Supplier<Http.Reply> call, Predicate<Http.Reply> until, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Http.Reply last = null;
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (last.json() != null && until.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Timed out waiting for " + what + "; last: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }
}
