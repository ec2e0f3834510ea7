package org.osc.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
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
 * Every resource of API.md over real HTTP in the assembled runtime: its list answers, invalid input is a 400
 * naming the field, an unknown id is a 404, a duplicate name a 409, a missing plugin or a cluster that cannot be
 * reached a 422, and an auditor's write a 403 — all as problem+json. The cluster is the test's stand-in
 * ({@link FakeCluster}, which refuses API servers on {@code *.invalid} hosts); the Kubernetes connector's own check
 * against a cluster is tested end to end by the distribution's tests (dist/ClusterAcceptanceIT, dist/OscctlIT).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ResourcesIT {

    private static final String ADMIN = "admin";
    private static final String PASSWORD = AssembledRuntime.ADMIN_PASSWORD;
    private static final String AUDITOR = "reader";
    private static final String AUDITOR_PASSWORD = "reader-password";
    private static final int PORT = AssembledRuntime.port();
    private static final Path HOME = AssembledRuntime.home();

    private static final FakeCluster CLUSTER = new FakeCluster();
    private static boolean registered;

    private final Http http = new Http(PORT);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return AssembledRuntime.options(HOME, PORT);
    }

    @Before
    public void ready() throws Exception {
        http.awaitReady(Duration.ofSeconds(60));
        if (!registered) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_RANKING, 1000);
            context.registerService(new String[] { VirtualizationPlatform.class.getName(),
                    DeploymentTarget.class.getName() }, CLUSTER, props);
            registered = true;
        }
        Path sdn = HOME.resolve("plugins").resolve("sdn-sample-plugin.jar");
        if (!Files.exists(sdn)) {
            Files.copy(AssembledRuntime.distPlugin("sdn-sample-plugin"), sdn);
            Files.copy(AssembledRuntime.distPlugin("manager-sample-plugin"),
                    HOME.resolve("plugins").resolve("manager-sample-plugin.jar"));
            http.post("server/v1/users", ADMIN, PASSWORD, "{\"name\":\"" + AUDITOR + "\",\"password\":\""
                    + AUDITOR_PASSWORD + "\",\"role\":\"auditor\"}");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.get("server/v1/plugins", ADMIN, PASSWORD).json().path("items").size() < 2) {
            assertTrue("both sample plugins installed", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }

    @Test
    public void virtualizationConnectors() {
        String path = "server/v1/virtualizationConnectors";
        String body = "{\"name\":\"vc-a\",\"type\":\"KUBERNETES\",\"controllerType\":\"SampleSdn\","
                + "\"apiServerUrl\":\"https://k8s.test\",\"token\":\"t0ken\"}";
        long id = create(path, body);
        assertProblem(http.post(path, ADMIN, PASSWORD, body), 409, "name");
        assertProblem(http.post(path, ADMIN, PASSWORD, "{\"name\":\"vc-b\",\"type\":\"KUBERNETES\","
                + "\"controllerType\":\"SampleSdn\"}"), 400, "kubeconfig");
        assertProblem(http.post(path, ADMIN, PASSWORD, "{\"name\":\"vc-c\",\"type\":\"KUBERNETES\","
                + "\"controllerType\":\"NoSuchSdn\",\"inCluster\":true}"), 422, "controllerType");
        assertProblem(http.post(path, ADMIN, PASSWORD, body.replace("vc-a", "vc-e").replace("k8s.test",
                "k8s.invalid")), 422, "apiServerUrl");
        assertTrue("a refused connector is not stored", !http.get(path, ADMIN, PASSWORD).body().contains("vc-e"));
        assertEquals(404, http.get(path + "/987654", ADMIN, PASSWORD).status());
        assertEquals(403, http.post(path, AUDITOR, AUDITOR_PASSWORD, body.replace("vc-a", "vc-d")).status());
        JsonNode read = http.get(path + "/" + id, AUDITOR, AUDITOR_PASSWORD).json();
        assertEquals("vc-a", read.path("name").asText());
        assertTrue("secrets are write-only", read.path("token").isMissingNode());
    }

    @Test
    public void managerConnectorsAndCatalog() {
        String path = "server/v1/applianceManagerConnectors";
        String body = "{\"name\":\"mc-a\",\"managerType\":\"SampleManager\",\"ipAddress\":\"127.0.0.1\","
                + "\"username\":\"admin\",\"password\":\"admin123\"}";
        long id = create(path, body);
        assertTrue("password is write-only",
                http.get(path + "/" + id, ADMIN, PASSWORD).json().path("password").isMissingNode());
        assertProblem(http.post(path, ADMIN, PASSWORD, body), 409, "name");
        assertProblem(http.post(path, ADMIN, PASSWORD, "{\"name\":\"mc-b\",\"managerType\":\"Nope\","
                + "\"ipAddress\":\"127.0.0.1\",\"username\":\"a\",\"password\":\"b\"}"), 422, "managerType");
        assertEquals(404, http.get(path + "/987654/domains", ADMIN, PASSWORD).status());
        assertEquals(403, http.post(path, AUDITOR, AUDITOR_PASSWORD, body.replace("mc-a", "mc-c")).status());

        String catalog = "server/v1/catalog";
        long appliance = create(catalog, "{\"model\":\"m-a\",\"managerType\":\"SampleManager\","
                + "\"managerVersion\":\"1\"}");
        assertProblem(http.post(catalog, ADMIN, PASSWORD, "{\"managerType\":\"SampleManager\","
                + "\"managerVersion\":\"1\"}"), 400, "model");
        assertProblem(http.post(catalog + "/" + appliance + "/versions", ADMIN, PASSWORD, "{\"swVersion\":\"1\","
                + "\"virtualizationType\":\"KUBERNETES\",\"virtualizationVersion\":\"1.32\",\"imageUrl\":\"\"}"),
                400, "imageUrl");
        assertEquals(404, http.get(catalog + "/987654", ADMIN, PASSWORD).status());
        assertEquals(403, http.delete(catalog + "/" + appliance, AUDITOR, AUDITOR_PASSWORD).status());
    }

    @Test
    public void distributedAppliancesDeploymentSpecsAndSecurityGroups() throws InterruptedException {
        assertEquals(200, http.get("server/v1/distributedAppliances", AUDITOR, AUDITOR_PASSWORD).status());
        assertProblem(http.post("server/v1/distributedAppliances", ADMIN, PASSWORD, "{\"name\":\"da-x\"}"), 400,
                null);
        assertEquals(404, http.get("server/v1/distributedAppliances/987654", ADMIN, PASSWORD).status());
        assertEquals(404, http.get("server/v1/virtualSystems/987654/deploymentSpecs", ADMIN, PASSWORD).status());

        long vc = create("server/v1/virtualizationConnectors", "{\"name\":\"vc-sg\",\"type\":\"KUBERNETES\","
                + "\"controllerType\":\"SampleSdn\",\"inCluster\":true}");
        String groups = "server/v1/virtualizationConnectors/" + vc + "/securityGroups";
        long sg = create(groups, "{\"name\":\"sg-a\"}");
        assertProblem(http.post(groups, ADMIN, PASSWORD, "{\"name\":\"sg-a\"}"), 409, "name");
        assertProblem(http.put(groups + "/" + sg + "/members", ADMIN, PASSWORD,
                "[{\"name\":\"m\",\"type\":\"LABEL\",\"label\":\"not a label\"}]"), 400, null);
        assertEquals(404, http.get(groups + "/987654", ADMIN, PASSWORD).status());
        assertEquals(403, http.post(groups, AUDITOR, AUDITOR_PASSWORD, "{\"name\":\"sg-b\"}").status());
        assertEquals(409, http.delete("server/v1/virtualizationConnectors/" + vc, ADMIN, PASSWORD).status());
        awaitLastJob(groups + "/" + sg);
        assertEquals(204, http.delete(groups + "/" + sg + "/force", ADMIN, PASSWORD).status());
        assertEquals(204, http.delete("server/v1/virtualizationConnectors/" + vc, ADMIN, PASSWORD).status());
    }

    /** A write racing the object's own job may get a 409 asking to retry; these checks wait for the job first. */
    private void awaitLastJob(String objectPath) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"COMPLETED".equals(http.get(objectPath, ADMIN, PASSWORD).json().path("lastJobState").asText())) {
            assertTrue("the object's job completes", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }

    private long create(String path, String json) {
        Http.Reply reply = http.post(path, ADMIN, PASSWORD, json);
        assertEquals(reply.body(), 201, reply.status());
        assertTrue(reply.body(), reply.json().path("id").asLong() > 0);
        assertEquals(200, http.get(path, ADMIN, PASSWORD).status());
        return reply.json().path("id").asLong();
    }

    private static void assertProblem(Http.Reply reply, int status, String field) {
        assertEquals(reply.body(), status, reply.status());
        assertEquals("application/problem+json", reply.contentType());
        assertTrue(reply.body(), !reply.body().contains("Exception"));
        if (field != null) {
            boolean named = false;
            for (JsonNode error : reply.json().path("errors")) {
                named |= field.equals(error.path("field").asText());
            }
            assertTrue("names the field " + field + ": " + reply.body(), named);
        }
    }
}
