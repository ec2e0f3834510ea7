package org.osc.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobStatus;
import org.osc.server.job.ObjectRef;
import org.osc.server.job.PreparedJob;
import org.osc.server.jobs.JobService;
import org.osc.server.leader.LeaseException;
import org.osc.server.leader.LeaseLock;
import org.osc.server.leader.LeaseLockFactory;
import org.osc.server.leader.LeaseSettings;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Boots the assembled runtime in Felix and checks what an operator sees over HTTP: the open status, 401
 * without credentials, 403 for an auditor's write, problem+json errors, a job visible over REST, and a plugin
 * bundle appearing and disappearing at runtime.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServerIT {

    private static final String ADMIN = "admin";
    private static final String PASSWORD = AssembledRuntime.ADMIN_PASSWORD;
    private static final int PORT = AssembledRuntime.port();
    private static final Path HOME = AssembledRuntime.home();

    @Inject
    private JobService jobs;

    @Inject
    private BundleContext context;

    private final Http http = new Http(PORT);

    @Configuration
    public Option[] config() {
        return AssembledRuntime.options(HOME, PORT);
    }

    @Before
    public void ready() throws InterruptedException {
        try {
            http.awaitReady(Duration.ofSeconds(60));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; not running:" + Diagnostics.describe(context), e);
        }
        awaitReply(() -> http.get("server/v1/jobs", ADMIN, PASSWORD), r -> r.status() == 200, "jobs resource");
    }

    @Test
    public void theKubernetesLeaseLockIsInTheRuntimeAndItsClientWorksInsideOsgi() throws Exception {
        LeaseLockFactory kubernetes = null;
        for (ServiceReference<LeaseLockFactory> ref : context.getServiceReferences(LeaseLockFactory.class, null)) {
            LeaseLockFactory factory = context.getService(ref);
            if ("kubernetes".equals(factory.kind())) {
                kubernetes = factory;
            }
        }
        assertNotNull("no LeaseLockFactory of kind kubernetes; not running:" + Diagnostics.describe(context),
                kubernetes);
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        Path kubeconfig = Files.writeString(Files.createTempFile("lease", ".kubeconfig"), String.join("\n",
                "apiVersion: v1", "kind: Config", "clusters: [{name: c, cluster: {server: 'http://127.0.0.1:" + closed
                        + "'}}]", "users: [{name: u, user: {token: t}}]",
                "contexts: [{name: x, context: {cluster: c, user: u, namespace: osc}}]", "current-context: x", ""));
        LeaseLock lock = kubernetes.open(new LeaseSettings("osc-leader", "", kubeconfig.toString()));
        assertEquals("Kubernetes Lease osc/osc-leader at http://127.0.0.1:" + closed + "/", lock.describe());
        try {
            lock.read();
            fail("read from a closed port");
        } catch (LeaseException e) {
            // the embedded fabric8 client was built and sent the request inside the bundle
            assertTrue(e.getMessage(), e.getMessage().startsWith("the API server http://127.0.0.1:" + closed
                    + "/ cannot be reached to get the Lease"));
        }
    }

    @Test
    public void statusIsOpenAndReportsTheDatabase() {
        Http.Reply status = http.get("server/v1/serverManagement/status", null, null);
        assertEquals(200, status.status());
        assertEquals("UP", status.json().path("database").path("state").asText());
        assertEquals("H2", status.json().path("database").path("kind").asText());
        assertTrue(status.json().path("uptimeSeconds").asLong() >= 0);
        // served over HTTPS (Http trusts the generated certificate only), which the status describes
        assertEquals("generated", status.json().path("tls").path("source").asText());
        assertTrue(status.json().path("tls").path("fingerprintSha256").asText()
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
    }

    @Test
    public void everythingElseNeedsCredentials() {
        Http.Reply reply = http.get("server/v1/jobs", null, null);
        assertEquals(401, reply.status());
        assertEquals("application/problem+json", reply.contentType());
        assertEquals(401, reply.json().path("status").asInt());
        assertEquals(401, http.get("server/v1/jobs", ADMIN, "wrong-password").status());
    }

    @Test
    public void anAuditorReadsButCannotWrite() {
        Http.Reply created = http.post("server/v1/users", ADMIN, PASSWORD,
                "{\"name\":\"audrey\",\"password\":\"audit-pass-1\",\"role\":\"auditor\"}");
        assertTrue("created or already there: " + created.body(), created.status() == 201 || created.status() == 409);
        assertEquals(200, http.get("server/v1/jobs", "audrey", "audit-pass-1").status());
        Http.Reply write = http.post("server/v1/users", "audrey", "audit-pass-1",
                "{\"name\":\"mallory\",\"password\":\"mallory-pass\",\"role\":\"admin\"}");
        assertEquals(403, write.status());
        assertEquals("application/problem+json", write.contentType());
    }

    @Test
    public void badInputIsAProblemNotAStackTrace() {
        Http.Reply malformed = http.post("server/v1/users", ADMIN, PASSWORD, "{\"name\": ");
        assertEquals(400, malformed.status());
        assertEquals("application/problem+json", malformed.contentType());
        assertTrue(malformed.body(), !malformed.body().contains("Exception"));

        Http.Reply invalid = http.post("server/v1/users", ADMIN, PASSWORD,
                "{\"name\":\"bad name!\",\"password\":\"long-enough\",\"role\":\"admin\"}");
        assertEquals(400, invalid.status());
        assertEquals("name", invalid.json().path("errors").path(0).path("field").asText());

        Http.Reply unknown = http.get("server/v1/no-such-thing", ADMIN, PASSWORD);
        assertEquals(404, unknown.status());
        assertEquals("application/problem+json", unknown.contentType());
    }

    @Test
    public void aJobRunsToPassedAndIsVisibleOverRest() throws Exception {
        ObjectRef object = ObjectRef.of("TEST", 42);
        PreparedJob prepared = jobs.engine().prepare("Integration test job", List.of(object));
        long id = prepared.id();
        JobRecord done = jobs.engine().run(prepared, job -> {
            job.step("first", ctx -> { });
            job.step("second", ctx -> ctx.addObject(object));
            return null;
        }, null).job();
        assertEquals(JobStatus.PASSED, done.status());
        assertEquals(done, jobs.await(id, Duration.ofSeconds(30)));

        Http.Reply job = http.get("server/v1/jobs/" + id, ADMIN, PASSWORD);
        assertEquals(200, job.status());
        assertEquals("COMPLETED", job.json().path("state").asText());
        assertEquals("PASSED", job.json().path("status").asText());
        assertEquals(2, job.json().path("taskCount").asInt());
        assertEquals("TEST", job.json().path("objects").path(0).path("type").asText());

        JsonNode tasks = http.get("server/v1/jobs/" + id + "/tasks", ADMIN, PASSWORD).json().path("items");
        assertEquals(2, tasks.size());
        assertEquals("second", tasks.path(1).path("name").asText());
        assertEquals(tasks.path(0).path("id").asLong(), tasks.path(1).path("predecessors").path(0).asLong());
        assertEquals(404, http.get("server/v1/jobs/987654", ADMIN, PASSWORD).status());
    }

    @Test
    public void aFailingTaskFailsItsJobWithItsReason() throws Exception {
        PreparedJob prepared = jobs.engine().prepare("Failing job", List.of());
        long id = prepared.id();
        JobRecord failed = jobs.engine().run(prepared, job -> {
            job.step("boom", ctx -> {
                throw new IllegalStateException("manager rejected credentials");
            });
            job.step("after", ctx -> { });
            return null;
        }, null).job();
        assertEquals(JobStatus.FAILED, failed.status());
        JsonNode job = http.get("server/v1/jobs/" + id, ADMIN, PASSWORD).json();
        assertTrue(job.path("failureReason").asText(), job.path("failureReason").asText()
                .contains("manager rejected credentials"));
        JsonNode tasks = http.get("server/v1/jobs/" + id + "/tasks", ADMIN, PASSWORD).json().path("items");
        assertEquals("FAILED", tasks.path(0).path("status").asText());
        assertEquals("a failed step ends the job", 1, tasks.size());
        assertEquals(200, http.get("server/v1/serverManagement/status", null, null).status());
    }

    @Test
    public void aPluginDroppedInAppearsAndLeavesWhenRemoved() throws Exception {
        Path source = AssembledRuntime.distPlugin("sdn-sample-plugin");
        Path dropped = HOME.resolve("plugins").resolve("sdn-sample-plugin.jar");
        Files.copy(source, dropped);
        Http.Reply listed = awaitReply(() -> http.get("server/v1/plugins", ADMIN, PASSWORD),
                r -> r.json().path("items").size() == 1, "the plugin to appear");
        JsonNode plugin = listed.json().path("items").path(0);
        assertEquals("SDN_CONTROLLER", plugin.path("type").asText());
        assertEquals("READY", plugin.path("state").asText());
        assertTrue(plugin.path("capabilities").path("supportsPortGroup").asBoolean());
        String name = plugin.path("name").asText();
        assertEquals(200, http.get("server/v1/plugins/" + name, ADMIN, PASSWORD).status());

        Files.delete(dropped);
        awaitReply(() -> http.get("server/v1/plugins", ADMIN, PASSWORD), r -> r.json().path("items").size() == 0,
                "the plugin to leave");
        assertEquals(404, http.get("server/v1/plugins/" + name, ADMIN, PASSWORD).status());
    }

    @Test
    public void theOvnPluginOfTheDistributionStartsReady() throws Exception {
        Path dropped = HOME.resolve("plugins").resolve("ovn-sdn-plugin.jar");
        Files.copy(AssembledRuntime.distPlugin("ovn-sdn-plugin"), dropped);
        try {
            Http.Reply listed = awaitReply(() -> http.get("server/v1/plugins", ADMIN, PASSWORD),
                    r -> r.json().path("items").findValuesAsText("name").contains("OVN"), "the OVN plugin to appear");
            JsonNode ovn = null;
            for (JsonNode plugin : listed.json().path("items")) {
                if ("OVN".equals(plugin.path("name").asText())) {
                    ovn = plugin;
                }
            }
            assertEquals("SDN_CONTROLLER", ovn.path("type").asText());
            assertEquals(ovn.toString(), "READY", ovn.path("state").asText());
            assertTrue(ovn.toString(), ovn.path("capabilities").path("supportsPortGroup").asBoolean());
            assertTrue(ovn.toString(), ovn.path("capabilities").path("supportsFailurePolicy").asBoolean());

            // Its embedded OVSDB client runs in the framework: a wrong attribute is named, a closed port is
            // reported unreachable by address (what OSC answers 422 with when a connector is created).
            ServiceReference<?>[] refs = context.getServiceReferences(SdnControllerApi.class.getName(),
                    "(osc.plugin.name=OVN)");
            SdnControllerApi api = (SdnControllerApi) context.getService(refs[0]);
            try {
                api.getStatus(new VirtualizationConnectorElement("vc", "KUBERNETES", Map.of()));
                fail("no northbound attribute accepted");
            } catch (SdnException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("northbound: "));
            }
            int closed;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = probe.getLocalPort();
            }
            try {
                api.getStatus(new VirtualizationConnectorElement("vc", "KUBERNETES",
                        Map.of("northbound", "tcp:127.0.0.1:" + closed)));
                fail("a closed port reported reachable");
            } catch (ControllerUnreachableException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("tcp:127.0.0.1:" + closed));
            } finally {
                context.ungetService(refs[0]);
            }
        } finally {
            Files.delete(dropped);
            awaitReply(() -> http.get("server/v1/plugins", ADMIN, PASSWORD),
                    r -> !r.json().path("items").findValuesAsText("name").contains("OVN"), "the OVN plugin to leave");
        }
    }

    @Test
    public void aPluginUploadedOverRestCanBeRemovedOverRest() throws Exception {
        byte[] jar = Files.readAllBytes(AssembledRuntime.distPlugin("manager-sample-plugin"));
        Http.Reply uploaded = http.postBytes("server/v1/plugins", ADMIN, PASSWORD, jar);
        assertEquals(uploaded.body(), 201, uploaded.status());
        JsonNode plugin = uploaded.json().path("items").path(0);
        assertEquals("MANAGER", plugin.path("type").asText());
        String name = plugin.path("name").asText();
        assertNotNull(name);

        assertEquals(400, http.postBytes("server/v1/plugins", ADMIN, PASSWORD, "not a jar".getBytes()).status());
        assertEquals(204, http.delete("server/v1/plugins/" + name, ADMIN, PASSWORD).status());
        assertEquals(404, http.get("server/v1/plugins/" + name, ADMIN, PASSWORD).status());
    }

    @Test
    public void theOpenApiDocumentDescribesTheResources() {
        Http.Reply doc = http.get("openapi.json", null, null);
        assertEquals(200, doc.status());
        assertTrue(doc.json().path("openapi").asText().startsWith("3."));
        assertTrue(doc.json().path("paths").has("/server/v1/jobs/{jobId}"));
        assertTrue(doc.json().path("paths").has("/server/v1/tokens/{id}"));
        assertEquals("bearer", doc.json().path("components").path("securitySchemes").path("bearer").path("scheme")
                .asText());
    }

    private static Http.Reply awaitReply(java.util.function.Supplier<Http.Reply> call, Predicate<Http.Reply> until,
            String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Http.Reply last = null;
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (until.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what + "; last reply: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }
}
