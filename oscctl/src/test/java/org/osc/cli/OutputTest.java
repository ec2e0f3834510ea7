package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Tables for people, the server's JSON (or YAML) for scripts. */
class OutputTest extends FakeServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VCS = "{\"items\":[{\"id\":3,\"name\":\"cluster-1\",\"type\":\"KUBERNETES\","
            + "\"controllerType\":\"SampleSdn\",\"apiServerUrl\":\"https://k8s.test\",\"lastJobId\":null,"
            + "\"controllerAttributes\":{\"ca\":\"-----BEGIN-----\\nAAAA\\n-----END-----\","
            + "\"northbound\":\"tcp:10.0.0.5:6641\"},"
            + "\"controllerSecretsSet\":[\"clientKey\"]},"
            + "{\"id\":12,\"name\":\"c\",\"type\":\"KUBERNETES\",\"controllerType\":\"SampleSdn\",\"inCluster\":true,"
            + "\"lastJobId\":40,\"lastJobState\":\"COMPLETED\",\"lastJobStatus\":\"PASSED\"}]}";

    @Override
    FakeServer routes(FakeServer fresh) {
        return fresh.on("GET", "virtualizationConnectors", 200, VCS)
                .on("GET", "jobs/40", 200, "{\"id\":40,\"name\":\"Sync vc\",\"state\":\"COMPLETED\","
                        + "\"status\":\"PASSED\",\"taskCount\":2,\"taskCompleted\":2}")
                .on("GET", "jobs/40/tasks", 200, "{\"items\":[{\"id\":1,\"name\":\"Check\",\"state\":\"COMPLETED\","
                        + "\"status\":\"PASSED\"},{\"id\":2,\"name\":\"Apply\",\"state\":\"COMPLETED\","
                        + "\"status\":\"PASSED\"}]}")
                .on("GET", "jobs?state=RUNNING&limit=5", 200, "{\"items\":[{\"id\":41,\"name\":\"Sync sg\","
                        + "\"state\":\"RUNNING\",\"taskCount\":2,\"taskCompleted\":1,"
                        + "\"queued\":\"2026-06-01T12:00:00Z\",\"startedBy\":\"alice\"}]}");
    }

    @Test
    void aTableAlignsTheMainFields() {
        Cli.Result result = Cli.against(server, home).run("list", "vc");
        assertEquals(0, result.code(), result.toString());
        String[] lines = result.out().split("\n");
        assertEquals(3, lines.length, result.out());
        assertEquals("ID   NAME        TYPE         CONTROLLER   CLUSTER            CONTROLLER-ATTRIBUTES"
                + "                                          LAST-JOB", lines[0]);
        assertEquals("3    cluster-1   KUBERNETES   SampleSdn    https://k8s.test   ca=(3 lines),"
                + "northbound=tcp:10.0.0.5:6641,clientKey=(secret)   -", lines[1]);
        assertEquals("12   c           KUBERNETES   SampleSdn    in-cluster         -"
                + "                                                              40 PASSED", lines[2]);
    }

    @Test
    void jsonIsTheServersDocument() throws Exception {
        Cli.Result result = Cli.against(server, home).run("list", "vc", "-o", "json");
        assertEquals(0, result.code(), result.toString());
        JsonNode printed = JSON.readTree(result.out());
        assertEquals(JSON.readTree(VCS), printed);
        assertEquals("cluster-1", printed.path("items").path(0).path("name").asText());
    }

    @Test
    void yamlIsTheSameTree() throws Exception {
        Cli.Result result = Cli.against(server, home).run("-o", "yaml", "list", "vc");
        assertEquals(0, result.code(), result.toString());
        assertEquals(JSON.readTree(VCS), new YAMLMapper().readTree(result.out()));
        assertTrue(result.out().startsWith("items:"), result.out());
    }

    @Test
    void aJobIsShownFieldByFieldWithItsTasks() throws Exception {
        Cli.Result result = Cli.against(server, home).run("job", "40", "--tasks");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("state:         COMPLETED"), result.out());
        assertTrue(result.out().contains("ID   NAME    STATE       STATUS   FAILURE"), result.out());
        Cli.Result json = Cli.against(server, home).run("job", "40", "--tasks", "-o", "json");
        assertEquals(2, JSON.readTree(json.out()).path("items").size(), json.out());
    }

    @Test
    void jobsFilterByStateAndLimit() {
        Cli.Result result = Cli.against(server, home).run("jobs", "--state", "running", "--limit", "5");
        assertEquals(0, result.code(), result.toString());
        String[] lines = result.out().split("\n");
        assertEquals("ID   NAME      STATE     STATUS   TASKS   QUEUED                 BY      FAILURE", lines[0]);
        assertTrue(lines[1].matches("41 +Sync sg +RUNNING +- +1/2 +2026-06-01T12:00:00Z +alice +-"),
                "the jobs show who started them: " + result.out());
    }

    @Test
    void theTableHelperPadsAllButTheLastColumn() throws Exception {
        String table = Output.table(Columns.of(Kind.USERS),
                java.util.List.of(JSON.readTree("{\"name\":\"admin\",\"role\":\"admin\"}")));
        assertEquals("NAME    ROLE    CREATED\nadmin   admin   -\n", table);
    }
}
