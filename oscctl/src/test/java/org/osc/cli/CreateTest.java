package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Request bodies from flags, JSON/YAML files and stdin; plugin upload and removal. */
class CreateTest extends FakeServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    FakeServer routes(FakeServer fresh) {
        return fresh.on("POST", "virtualizationConnectors", 201, "{\"id\":3}")
                .on("GET", "virtualizationConnectors", 200, "{\"items\":[{\"id\":3,\"name\":\"cluster-1\"}]}")
                .on("GET", "applianceManagerConnectors", 200, "{\"items\":[{\"id\":4,\"name\":\"manager-1\"}]}")
                .on("GET", "catalog", 200, "{\"items\":[{\"id\":2,\"model\":\"fw-1\"}]}")
                .on("GET", "catalog/2/versions", 200, "{\"items\":[{\"id\":9,\"swVersion\":\"1.0\"}]}")
                .on("POST", "distributedAppliances", 201, "{\"id\":5,\"jobId\":11}")
                .on("POST", "virtualizationConnectors/3/securityGroups", 201, "{\"id\":8,\"jobId\":12}");
    }

    private JsonNode sent(String method, String path) throws Exception {
        return JSON.readTree(server.requests(method, path).get(0).text());
    }

    @Test
    void flagsBuildTheBody() throws Exception {
        Path kubeconfig = Files.writeString(home.resolve("kubeconfig"), "apiVersion: v1\n");
        Cli.Result result = Cli.against(server, home).run("create", "vc", "--name", "cluster-1",
                "--controller-type", "SampleSdn", "--kubeconfig", kubeconfig.toString(), "--context", "prod");
        assertEquals(0, result.code(), result.toString());
        assertEquals("created virtualization connector 'cluster-1' (id 3)\n", result.out());
        assertEquals(JSON.readTree("{\"name\":\"cluster-1\",\"type\":\"KUBERNETES\",\"controllerType\":\"SampleSdn\","
                + "\"kubeconfig\":\"apiVersion: v1\\n\",\"context\":\"prod\"}"),
                sent("POST", "virtualizationConnectors"));
        assertEquals("application/json", server.requests.get(0).contentType());
    }

    @Test
    void controllerAttributesFromFlagsAndFilesOverTheFilesOwn() throws Exception {
        Path key = Files.writeString(home.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n");
        Path file = Files.writeString(home.resolve("vc.yaml"), "name: ovn\ncontrollerType: Ovn\ninCluster: true\n"
                + "controllerAttributes:\n  northbound: tcp:from-file:1\n  zone: z1\n");
        Cli.Result result = Cli.against(server, home).run("create", "vc", "-f", file.toString(),
                "--controller-attribute", "northbound=tcp:127.0.0.1:6641", "--controller-attribute", "url=a=b",
                "--controller-attribute-file", "northboundClientKey=" + key);
        assertEquals(0, result.code(), result.toString());
        assertEquals(JSON.readTree("{\"name\":\"ovn\",\"controllerType\":\"Ovn\",\"inCluster\":true,"
                + "\"type\":\"KUBERNETES\",\"controllerAttributes\":{\"northbound\":\"tcp:127.0.0.1:6641\","
                + "\"zone\":\"z1\",\"url\":\"a=b\","
                + "\"northboundClientKey\":\"-----BEGIN PRIVATE KEY-----\\nAAAA\\n\"}}"),
                sent("POST", "virtualizationConnectors"));
    }

    @Test
    void aControllerAttributeWithoutKeyIsAUsageError() {
        Cli.Result result = Cli.against(server, home).run("create", "vc", "--name", "x", "--controller-attribute",
                "northbound");
        assertEquals(2, result.code(), result.toString());
        assertTrue(result.err().contains("--controller-attribute takes KEY=VALUE"), result.toString());
        assertTrue(server.requests.isEmpty(), "nothing sent");
    }

    @Test
    void anUpdateSendsTheStoredFieldsWithTheChangesAndNoSecrets() throws Exception {
        server.on("GET", "virtualizationConnectors/3", 200, "{\"id\":3,\"name\":\"cluster-1\","
                + "\"type\":\"KUBERNETES\",\"controllerType\":\"Ovn\",\"apiServerUrl\":\"https://k8s.test\","
                + "\"context\":null,\"inCluster\":false,\"controllerAttributes\":{\"northbound\":\"tcp:a:1\","
                + "\"zone\":\"z1\"},\"controllerSecretsSet\":[\"clientKey\"],\"lastJobId\":null}")
                .on("PUT", "virtualizationConnectors/3", 200, "{\"id\":3}");
        Cli.Result result = Cli.against(server, home).run("update", "vc", "cluster-1", "--controller-attribute",
                "northbound=tcp:b:2", "--controller-attribute", "zone=", "--controller-attribute", "clientKey=");
        assertEquals(0, result.code(), result.toString());
        assertEquals("updated virtualization connector 'cluster-1' (id 3)\n", result.out());
        assertEquals(JSON.readTree("{\"name\":\"cluster-1\",\"type\":\"KUBERNETES\",\"controllerType\":\"Ovn\","
                + "\"apiServerUrl\":\"https://k8s.test\",\"inCluster\":false,\"controllerAttributes\":"
                + "{\"northbound\":\"tcp:b:2\",\"zone\":\"\",\"clientKey\":\"\"}}"),
                sent("PUT", "virtualizationConnectors/3"));
    }

    @Test
    void anUpdateToAnotherWayToConnectDropsTheStoredOne() throws Exception {
        server.on("GET", "virtualizationConnectors/3", 200, "{\"id\":3,\"name\":\"cluster-1\","
                + "\"type\":\"KUBERNETES\",\"controllerType\":\"SampleSdn\",\"apiServerUrl\":\"https://k8s.test\","
                + "\"inCluster\":false,\"controllerAttributes\":{},\"controllerSecretsSet\":[]}")
                .on("PUT", "virtualizationConnectors/3", 200, "{\"id\":3}");
        Cli.Result result = Cli.against(server, home).run("update", "vc", "3", "--in-cluster");
        assertEquals(0, result.code(), result.toString());
        assertEquals(JSON.readTree("{\"name\":\"cluster-1\",\"type\":\"KUBERNETES\",\"controllerType\":"
                + "\"SampleSdn\",\"inCluster\":true,\"controllerAttributes\":{}}"),
                sent("PUT", "virtualizationConnectors/3"));
    }

    @Test
    void aYamlFileWithFlagsOverridingIt() throws Exception {
        Path file = Files.writeString(home.resolve("vc.yaml"),
                "name: from-file\ncontrollerType: SampleSdn\ninCluster: true\n");
        Cli.Result result = Cli.against(server, home).run("create", "vc", "-f", file.toString(), "--name", "flag");
        assertEquals(0, result.code(), result.toString());
        assertEquals(JSON.readTree("{\"name\":\"flag\",\"controllerType\":\"SampleSdn\",\"inCluster\":true,"
                + "\"type\":\"KUBERNETES\"}"), sent("POST", "virtualizationConnectors"));
    }

    @Test
    void aJsonBodyFromStdin() throws Exception {
        Cli.Result result = Cli.against(server, home).stdin("{\"name\":\"web\",\"namespaces\":[\"shop\"]}")
                .run("create", "sg", "--vc", "cluster-1", "-f", "-", "-o", "json");
        assertEquals(0, result.code(), result.toString());
        assertEquals(JSON.readTree("{\"id\":8,\"jobId\":12}"), JSON.readTree(result.out()));
        assertEquals(JSON.readTree("{\"name\":\"web\",\"namespaces\":[\"shop\"]}"),
                sent("POST", "virtualizationConnectors/3/securityGroups"));
    }

    @Test
    void aDistributedApplianceResolvesItsReferences() throws Exception {
        Cli.Result result = Cli.against(server, home).run("create", "da", "--name", "da-1", "--mc", "manager-1",
                "--appliance", "fw-1", "--sw-version", "1.0", "--virtual-system", "vc=cluster-1,domain=d-1",
                "--virtual-system", "vc=7,domain=d-2,encapsulation=VLAN");
        assertEquals(0, result.code(), result.toString());
        assertEquals("created distributed appliance 'da-1' (id 5); job 11\n", result.out());
        assertEquals(JSON.readTree("{\"name\":\"da-1\",\"managerConnectorId\":4,\"applianceSoftwareVersionId\":9,"
                + "\"virtualSystems\":[{\"vcId\":3,\"domainId\":\"d-1\"},{\"vcId\":7,\"domainId\":\"d-2\","
                + "\"encapsulationType\":\"VLAN\"}]}"), sent("POST", "distributedAppliances"));
        assertEquals(ExitCodes.USAGE, Cli.against(server, home).run("create", "da", "--virtual-system", "cluster-1")
                .code());
    }

    @Test
    void aVersionCarriesItsResources() throws Exception {
        server.on("POST", "catalog/2/versions", 201, "{\"id\":10}");
        Cli.Result result = Cli.against(server, home).run("create", "version", "--appliance", "fw-1",
                "--sw-version", "2.0", "--image-url", "registry.test/fw:2.0", "--cpu-request", "500m");
        assertEquals(0, result.code(), result.toString());
        assertEquals("created software version '2.0' (id 10)\n", result.out());
        assertEquals(JSON.readTree("{\"swVersion\":\"2.0\",\"virtualizationType\":\"KUBERNETES\","
                + "\"imageUrl\":\"registry.test/fw:2.0\",\"resources\":{\"cpuRequest\":\"500m\"}}"),
                sent("POST", "catalog/2/versions"));
    }

    @Test
    void pluginsAreListedUploadedAndRemoved() throws Exception {
        server.on("GET", "plugins", 200, "{\"items\":[{\"name\":\"SampleManager\",\"type\":\"MANAGER\","
                + "\"version\":\"1.0\",\"state\":\"READY\",\"removable\":true}]}")
                .on("POST", "plugins", 201, "{\"items\":[{\"name\":\"MySdn\",\"type\":\"SDN_CONTROLLER\"}]}")
                .answer("DELETE", "plugins/MySdn", new FakeServer.Answer(204, null, null));
        Cli cli = Cli.against(server, home);
        Cli.Result list = cli.run("plugins");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("SampleManager   MANAGER"), list.out());

        byte[] jar = { 'P', 'K', 3, 4, 0, 1 };
        Path file = Files.write(home.resolve("my.jar"), jar);
        Cli.Result install = cli.run("plugins", "install", file.toString());
        assertEquals(0, install.code(), install.toString());
        assertTrue(install.out().contains("MySdn"), install.out());
        FakeServer.Request upload = server.requests("POST", "plugins").get(0);
        assertEquals("application/octet-stream", upload.contentType());
        assertArrayEquals(jar, upload.body());

        Cli.Result remove = cli.run("plugins", "remove", "MySdn");
        assertEquals(0, remove.code(), remove.toString());
        assertEquals("removed plugin MySdn\n", remove.out());
        Cli.Result quiet = cli.run("plugins", "remove", "MySdn", "-o", "json");
        assertEquals("", quiet.out(), "no body, no document: a script's output must parse");
        assertEquals(ExitCodes.USAGE, cli.run("plugins", "install", home.resolve("none.jar").toString()).code());
    }
}
