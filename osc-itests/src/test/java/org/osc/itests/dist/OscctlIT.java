package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code bin/oscctl} of the assembled distribution against the distribution's server, both run as processes
 * the way an operator runs them: listing, creating, reading back as JSON, following a job, and the exit codes
 * of a missing object, bad credentials and a refused body.
 */
class OscctlIT {

    private static final String PASSWORD = "oscctl-it-admin";

    @TempDir
    static Path folder;

    private static DistributionProcess server;
    /** The cluster the connectors point at: OSC checks on create that its API server answers. */
    private static TestCluster cluster;
    private static String apiServer;

    /** What a run of oscctl printed and returned. */
    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        cluster = TestCluster.start(folder.resolve("cluster"));
        apiServer = cluster.client().getMasterUrl().toString();
        server = new DistributionProcess(folder.resolve("osc"), PASSWORD);
        server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void pluginsListsTheTwoSamples() throws Exception {
        Run run = oscctl(PASSWORD, "plugins");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("SampleManager") && run.out().contains("SampleSdn"), run.toString());
    }

    @Test
    void aConnectorCreatedFromFlagsReadsBackAsJson() throws Exception {
        Run created = oscctl(PASSWORD, "create", "vc", "--name", "oscctl-vc", "--controller-type", "SampleSdn",
                "--api-server-url", apiServer, "--token", "secret");
        assertEquals(0, created.code(), created.toString());
        Run read = oscctl(PASSWORD, "get", "vc", "oscctl-vc", "-o", "json");
        assertEquals(0, read.code(), read.toString());
        JsonNode vc = new ObjectMapper().readTree(read.out());
        assertEquals("oscctl-vc", vc.path("name").asText(), read.out());
        assertEquals("SampleSdn", vc.path("controllerType").asText());
    }

    @Test
    void aManagerConnectorSyncIsFollowedToItsEnd() throws Exception {
        Run created = oscctl(PASSWORD, "create", "mc", "--name", "oscctl-mc", "--manager-type", "SampleManager",
                "--ip-address", "127.0.0.1", "--manager-user", "admin", "--manager-password", "admin123");
        assertEquals(0, created.code(), created.toString());
        Run synced = oscctl(PASSWORD, "sync", "mc", "oscctl-mc", "--wait", "--timeout", "60");
        assertEquals(0, synced.code(), synced.toString());
        assertTrue(synced.out().contains("PASSED") && synced.err().contains("COMPLETED PASSED"), synced.toString());
    }

    @Test
    void anUnknownConnectorExits3() throws Exception {
        Run run = oscctl(PASSWORD, "get", "vc", "987654");
        assertEquals(3, run.code(), run.toString());
        assertTrue(run.err().startsWith("error: 404 "), run.toString());
    }

    @Test
    void aWrongPasswordExits5() throws Exception {
        Run run = oscctl("not-the-password", "list", "vc");
        assertEquals(5, run.code(), run.toString());
        assertTrue(run.err().startsWith("error: 401 "), run.toString());
    }

    @Test
    void aConnectorWithoutNameExits4NamingTheField() throws Exception {
        Run run = oscctl(PASSWORD, "create", "vc", "--controller-type", "SampleSdn", "--in-cluster");
        assertEquals(4, run.code(), run.toString());
        assertTrue(run.err().startsWith("error: 400 ") && run.err().contains("name"), run.toString());
        assertTrue(!run.err().contains("Exception") && run.err().lines().count() == 1, "one line: " + run.err());
    }

    @Test
    void aConnectorWhoseApiServerDoesNotAnswerExits4WithTheReason() throws Exception {
        Run run = oscctl(PASSWORD, "create", "vc", "--name", "cli-dead", "--controller-type", "SampleSdn",
                "--api-server-url", "https://127.0.0.1:1", "--token", "secret");
        assertEquals(4, run.code(), run.toString());
        assertTrue(run.err().startsWith("error: 422 ") && run.err().contains("apiServerUrl"), run.toString());
        assertEquals(3, oscctl(PASSWORD, "get", "vc", "cli-dead").code(), "nothing was stored");
    }

    @Test
    void controllerAttributesAreSentAtCreateAndUpdateAndCheckedByThePlugin() throws Exception {
        Path key = Files.writeString(folder.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\nCLIKEY\n");
        Run refused = oscctl(PASSWORD, "create", "vc", "--name", "cli-attrs", "--controller-type", "SampleSdn",
                "--api-server-url", apiServer, "--token", "secret", "--controller-attribute",
                "northbound=tcp:127.0.0.1:6641");
        assertEquals(4, refused.code(), refused.toString());
        assertTrue(refused.err().startsWith("error: 422 ") && refused.err().contains("controllerAttributes")
                && refused.err().contains("northbound: unknown attribute"), refused.toString());
        assertEquals(3, oscctl(PASSWORD, "get", "vc", "cli-attrs").code(), "nothing was stored");

        assertOk(oscctl(PASSWORD, "create", "vc", "--name", "cli-attrs", "--controller-type", "SampleSdn",
                "--api-server-url", apiServer, "--token", "secret"));
        assertOk(oscctl(PASSWORD, "update", "vc", "cli-attrs", "--name", "cli-attrs-2"));
        Run secret = oscctl(PASSWORD, "update", "vc", "cli-attrs-2", "--controller-attribute-file",
                "northboundClientKey=" + key);
        assertEquals(4, secret.code(), secret.toString());
        assertTrue(secret.err().contains("northboundClientKey: unknown attribute")
                && !secret.err().contains("CLIKEY"), secret.toString());
        JsonNode vc = new ObjectMapper().readTree(assertOk(oscctl(PASSWORD, "get", "vc", "cli-attrs-2", "-o", "json"))
                .out());
        assertEquals(apiServer, vc.path("apiServerUrl").asText(), "the update kept the connection: " + vc);
        assertEquals(0, vc.path("controllerAttributes").size(), vc.toString());
        assertEquals(0, vc.path("controllerSecretsSet").size(), vc.toString());
        assertTrue(assertOk(oscctl(PASSWORD, "get", "vc", "cli-attrs-2")).out().contains("CONTROLLER-ATTRIBUTES"));
    }

    @Test
    void everyOtherCommandAgainstTheServer() throws Exception {
        // catalog: appliance and version, listed, read as YAML
        assertOk(oscctl(PASSWORD, "create", "appliance", "--model", "cli-model", "--manager-type", "SampleManager",
                "--manager-version", "1.0"));
        assertOk(oscctl(PASSWORD, "create", "version", "--appliance", "cli-model", "--sw-version", "1.0",
                "--virtualization-version", "1.32", "--image-url", "registry.example.com/cli:1.0"));
        assertTrue(assertOk(oscctl(PASSWORD, "list", "versions", "--appliance", "cli-model")).out().contains("1.0"));
        assertTrue(assertOk(oscctl(PASSWORD, "get", "appliance", "cli-model", "-o", "yaml")).out()
                .contains("cli-model"));
        // users: create, list, delete
        assertOk(oscctl(PASSWORD, "create", "user", "--name", "cli-reader", "--role", "auditor", "--new-password",
                "reader-password"));
        assertTrue(assertOk(oscctl(PASSWORD, "list", "users")).out().contains("cli-reader"));
        assertOk(oscctl(PASSWORD, "delete", "user", "cli-reader"));
        assertEquals(3, oscctl(PASSWORD, "get", "user", "cli-reader").code());
        // a job that fails: the manager rejects the credentials → exit 1 with the reason
        oscctl(PASSWORD, "create", "mc", "--name", "cli-bad-mc", "--manager-type", "SampleManager", "--ip-address",
                "127.0.0.1", "--manager-user", "admin", "--manager-password", "wrong-password");
        Run failed = oscctl(PASSWORD, "sync", "mc", "cli-bad-mc", "--wait", "--timeout", "60");
        assertEquals(1, failed.code(), failed.toString());
        assertTrue(failed.err().contains("credentials"), failed.toString());
        // jobs and a job's tasks
        Run jobs = assertOk(oscctl(PASSWORD, "jobs", "--limit", "3", "-o", "json"));
        long jobId = new ObjectMapper().readTree(jobs.out()).path("items").path(0).path("id").asLong();
        assertTrue(assertOk(oscctl(PASSWORD, "job", Long.toString(jobId), "--tasks")).out().length() > 0);
        // plugins: remove one and install it back from the distribution's jar
        assertOk(oscctl(PASSWORD, "plugins", "remove", "SampleManager"));
        assertTrue(!assertOk(oscctl(PASSWORD, "plugins")).out().contains("SampleManager"));
        Path jar = Path.of(System.getProperty("osc.dist.dir", "../features/target/osc"), "plugins",
                "manager-sample-plugin.jar");
        assertOk(oscctl(PASSWORD, "plugins", "install", jar.toString()));
        assertTrue(assertOk(oscctl(PASSWORD, "plugins")).out().contains("SampleManager"));
        // the admin's flow on a group: created on a connector, members and a binding set, read back
        assertOk(oscctl(PASSWORD, "create", "vc", "--name", "cli-k8s", "--controller-type", "SampleSdn",
                "--api-server-url", apiServer, "--token", "secret"));
        assertOk(oscctl(PASSWORD, "create", "sg", "--vc", "cli-k8s", "--name", "cli-web", "--namespace", "shop"));
        assertOk(oscctl(PASSWORD, "set", "members", "--vc", "cli-k8s", "--sg", "cli-web", "--label", "app=cli-web",
                "--label", "tier=front", "--wait", "--timeout", "60"));
        String group = assertOk(oscctl(PASSWORD, "get", "sg", "cli-web", "--vc", "cli-k8s", "-o", "json")).out();
        assertTrue(group.contains("\"app=cli-web\"") && group.contains("\"tier=front\""), group);
        Run badLabel = oscctl(PASSWORD, "set", "members", "--vc", "cli-k8s", "--sg", "cli-web", "--label", "a b");
        assertEquals(4, badLabel.code(), badLabel.toString());
        assertTrue(badLabel.err().contains("label"), badLabel.toString());
        Run noVs = oscctl(PASSWORD, "set", "bindings", "--vc", "cli-k8s", "--sg", "cli-web", "--vs", "999",
                "--name", "inspect-web", "--policy", "p-1");
        assertEquals(4, noVs.code(), noVs.toString());
        assertTrue(noVs.err().contains("virtual system 999 does not exist"), noVs.toString());
        assertOk(oscctl(PASSWORD, "set", "members", "--vc", "cli-k8s", "--sg", "cli-web", "--none", "--wait",
                "--timeout", "60"));
        assertTrue(!assertOk(oscctl(PASSWORD, "get", "sg", "cli-web", "--vc", "cli-k8s", "-o", "json")).out()
                .contains("app=cli-web"));
        // delete a connector by name
        assertOk(oscctl(PASSWORD, "create", "vc", "--name", "cli-gone", "--controller-type", "SampleSdn",
                "--api-server-url", apiServer, "--token", "secret"));
        assertOk(oscctl(PASSWORD, "delete", "vc", "cli-gone"));
        assertEquals(3, oscctl(PASSWORD, "get", "vc", "cli-gone").code());
        assertOk(oscctl(PASSWORD, "completion"));
    }

    private static Run assertOk(Run run) {
        assertEquals(0, run.code(), run.toString());
        return run;
    }

    /** Runs the distribution's bin/oscctl with the connection in the environment, as a script would. */
    private static Run oscctl(String password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", server.home().resolve("bin/oscctl").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        // a home of its own, so that no config file of whoever runs the build is read
        env.put("HOME", folder.toString());
        env.remove("XDG_CONFIG_HOME");
        env.put("OSC_URL", server.url());
        env.put("OSC_CACERT", server.certificate().toString());
        env.put("OSC_USER", "admin");
        env.put("OSC_PASSWORD", password);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("oscctl " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
