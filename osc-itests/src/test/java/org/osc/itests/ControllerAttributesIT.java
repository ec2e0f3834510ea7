package org.osc.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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
import org.osc.sdn.api.NotSupportedException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.sdn.api.element.ControllerStatus;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A virtualization connector's {@code controllerAttributes} over real HTTP in the assembled runtime: shown without
 * its secrets, handed whole to the SDN plugin (its check at create and update, and the sessions of the connector's
 * security groups, which a change reconciles), a secret left out of an update kept, bad input a 400 naming
 * {@code controllerAttributes.<key>}, and a controller that refuses them a 422 naming {@code controllerAttributes}
 * with nothing stored: with an SDN plugin registered by the test ({@link AttributeSdn}) and with the sample plugin.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ControllerAttributesIT {

    private static final String ADMIN = "admin";
    private static final String PASSWORD = AssembledRuntime.ADMIN_PASSWORD;
    private static final int PORT = AssembledRuntime.port();
    private static final Path HOME = AssembledRuntime.home();
    private static final String VCS = "server/v1/virtualizationConnectors";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n";

    private static final FakeCluster CLUSTER = new FakeCluster();
    private static final AttributeSdn SDN = new AttributeSdn();
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
            Dictionary<String, Object> platform = new Hashtable<>();
            platform.put(Constants.SERVICE_RANKING, 1000);
            context.registerService(new String[] { VirtualizationPlatform.class.getName(),
                    DeploymentTarget.class.getName() }, CLUSTER, platform);
            Dictionary<String, Object> sdn = new Hashtable<>();
            sdn.put(SdnPluginProperties.PLUGIN_NAME, "AttributeSdn");
            sdn.put(SdnPluginProperties.SUPPORTS_PORT_GROUP, true);
            context.registerService(SdnControllerApi.class, SDN, sdn);
            registered = true;
        }
        Path sample = HOME.resolve("plugins").resolve("sdn-sample-plugin.jar");
        if (!Files.exists(sample)) {
            Files.copy(AssembledRuntime.distPlugin("sdn-sample-plugin"), sample);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.get("server/v1/plugins", ADMIN, PASSWORD).json().path("items").size() < 2) {
            assertTrue("both SDN plugins present", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }

    @Test
    public void attributesReachThePluginAndSecretsNeverComeBack() throws Exception {
        Http.Reply created = http.post(VCS, ADMIN, PASSWORD, "{\"name\":\"ovn-1\",\"controllerType\":\"AttributeSdn\","
                + "\"inCluster\":true,\"controllerAttributes\":{\"northbound\":\"tcp:127.0.0.1:6641\","
                + "\"northboundClientKey\":\"" + KEY + "\"}}");
        assertEquals(created.body(), 201, created.status());
        long id = created.json().path("id").asLong();
        Map<String, String> all = Map.of("northbound", "tcp:127.0.0.1:6641", "northboundClientKey",
                KEY.replace("\\n", "\n"));
        assertEquals("checked with every attribute", all, SDN.checked.get(SDN.checked.size() - 1).providerAttributes());

        JsonNode read = http.get(VCS + "/" + id, ADMIN, PASSWORD).json();
        assertEquals("tcp:127.0.0.1:6641", read.path("controllerAttributes").path("northbound").asText());
        assertEquals(1, read.path("controllerAttributes").size());
        assertEquals("northboundClientKey", read.path("controllerSecretsSet").path(0).asText());
        String listed = http.get(VCS, ADMIN, PASSWORD).body();
        assertFalse("never returned: " + listed, listed.contains("PRIVATE KEY") || read.toString().contains("MIIE"));

        // A security group's reconcile opens its sessions with the same element.
        String groups = VCS + "/" + id + "/securityGroups";
        Http.Reply group = http.post(groups, ADMIN, PASSWORD, "{\"name\":\"web\"}");
        assertEquals(group.body(), 201, group.status());
        awaitSession(all);

        // An update that leaves the secret out keeps it; the change reconciles the group with the new attributes.
        Http.Reply updated = http.put(VCS + "/" + id, ADMIN, PASSWORD, "{\"name\":\"ovn-1\","
                + "\"controllerType\":\"AttributeSdn\",\"inCluster\":true,"
                + "\"controllerAttributes\":{\"northbound\":\"tcp:127.0.0.1:6642\"}}");
        assertEquals(updated.body(), 200, updated.status());
        Map<String, String> changed = Map.of("northbound", "tcp:127.0.0.1:6642", "northboundClientKey",
                KEY.replace("\\n", "\n"));
        assertEquals(changed, SDN.checked.get(SDN.checked.size() - 1).providerAttributes());
        awaitSession(changed);

        // An empty string removes a secret.
        assertEquals(200, http.put(VCS + "/" + id, ADMIN, PASSWORD, "{\"name\":\"ovn-1\",\"controllerType\":"
                + "\"AttributeSdn\",\"inCluster\":true,\"controllerAttributes\":{\"northbound\":\"tcp:127.0.0.1:6642\","
                + "\"northboundClientKey\":\"\"}}").status());
        assertEquals(0, http.get(VCS + "/" + id, ADMIN, PASSWORD).json().path("controllerSecretsSet").size());
    }

    @Test
    public void badAttributesAre400NamingTheKey() {
        String head = "{\"name\":\"bad\",\"controllerType\":\"AttributeSdn\",\"inCluster\":true,"
                + "\"controllerAttributes\":";
        assertProblem(http.post(VCS, ADMIN, PASSWORD, head + "{\"north bound\":\"x\"}}"), 400,
                "controllerAttributes.north bound", null);
        assertProblem(http.post(VCS, ADMIN, PASSWORD, head + "{\"northbound\":6641}}"), 400,
                "controllerAttributes.northbound", "must be a string");
        assertProblem(http.post(VCS, ADMIN, PASSWORD, head + "{\"northbound\":\"a\\u0000b\"}}"), 400,
                "controllerAttributes.northbound", null);
        assertProblem(http.post(VCS, ADMIN, PASSWORD, head + "{\"clientKey\":\"" + "k".repeat(16385) + "\"}}"), 400,
                "controllerAttributes.clientKey", "must be at most 16384 characters");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"v\"");
        }
        assertProblem(http.post(VCS, ADMIN, PASSWORD, head + many + "}}"), 400, "controllerAttributes", null);
        assertFalse("nothing stored", http.get(VCS, ADMIN, PASSWORD).body().contains("\"bad\""));
    }

    @Test
    public void aControllerThatRefusesIs422AndNothingIsStored() {
        assertProblem(http.post(VCS, ADMIN, PASSWORD, "{\"name\":\"refused\",\"controllerType\":\"AttributeSdn\","
                + "\"inCluster\":true,\"controllerAttributes\":{\"northbound\":\"tcp:127.0.0.1:1\"}}"), 422,
                "controllerAttributes", "northbound: connection refused");
        assertProblem(http.post(VCS, ADMIN, PASSWORD, "{\"name\":\"refused\",\"controllerType\":\"SampleSdn\","
                + "\"inCluster\":true,\"controllerAttributes\":{\"northbound\":\"tcp:127.0.0.1:6641\"}}"), 422,
                "controllerAttributes", "northbound: unknown attribute; the sample SDN controller takes none");
        assertFalse("nothing stored", http.get(VCS, ADMIN, PASSWORD).body().contains("refused"));
        Http.Reply plain = http.post(VCS, ADMIN, PASSWORD, "{\"name\":\"sample\",\"controllerType\":\"SampleSdn\","
                + "\"inCluster\":true,\"controllerAttributes\":{}}");
        assertEquals(plain.body(), 201, plain.status());
    }

    private static void awaitSession(Map<String, String> attributes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (SDN.sessions.stream().noneMatch(e -> e.providerAttributes().equals(attributes))) {
            assertTrue("a session opened with " + attributes.keySet() + ": " + SDN.sessions.size(),
                    System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }

    private static void assertProblem(Http.Reply reply, int status, String field, String message) {
        assertEquals(reply.body(), status, reply.status());
        assertTrue(reply.body(), !reply.body().contains("Exception") && !reply.body().contains("PRIVATE"));
        JsonNode error = reply.json().path("errors").path(0);
        assertEquals(reply.body(), field, error.path("field").asText());
        if (message != null) {
            assertEquals(reply.body(), message, error.path("message").asText());
        }
    }

    /**
     * An SDN plugin that records the connector elements it gets; its controller refuses port 1 like a closed
     * port, and it supports no sessions (the security group's job then stops with that reason).
     */
    static final class AttributeSdn implements SdnControllerApi {

        final List<VirtualizationConnectorElement> checked = new CopyOnWriteArrayList<>();
        final List<VirtualizationConnectorElement> sessions = new CopyOnWriteArrayList<>();

        @Override
        public ControllerStatus getStatus(VirtualizationConnectorElement connector) throws SdnException {
            checked.add(connector);
            if (connector.providerAttributes().getOrDefault("northbound", "").endsWith(":1")) {
                throw new SdnException("northbound: connection refused");
            }
            return new ControllerStatus("attribute-sdn", "1.0", true);
        }

        @Override
        public RedirectionSession openSession(VirtualizationConnectorElement connector) throws SdnException {
            sessions.add(connector);
            throw new NotSupportedException("sessions", "this test's plugin opens no sessions");
        }
    }
}
