package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Replacing a group's members and bindings: the bodies the flags and files make, and what is refused. */
class SetTest extends FakeServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEMBERS = "virtualizationConnectors/3/securityGroups/8/members";
    private static final String BINDINGS = "virtualizationConnectors/3/securityGroups/8/bindings";

    @Override
    FakeServer routes(FakeServer fresh) {
        return fresh
                .on("GET", "virtualizationConnectors", 200, "{\"items\":[{\"id\":3,\"name\":\"cluster-1\"}]}")
                .on("GET", "virtualizationConnectors/3/securityGroups", 200,
                        "{\"items\":[{\"id\":8,\"name\":\"web\"}]}")
                .on("PUT", MEMBERS, 200, "{\"id\":8,\"jobId\":21}")
                .on("PUT", BINDINGS, 200, "{\"id\":8,\"jobId\":22}");
    }

    private JsonNode sent(String path) throws Exception {
        return JSON.readTree(server.requests("PUT", path).get(0).text());
    }

    @Test
    void labelFlagsBecomeNamedLabelMembers() throws Exception {
        Cli.Result result = Cli.against(server, home).run("set", "members", "--vc", "cluster-1", "--sg", "web",
                "--label", "app=web", "--label", "tier=front");

        assertEquals(0, result.code(), result.toString());
        assertEquals("set 2 members of security group 'web'; job 21\n", result.out());
        assertEquals(JSON.readTree("[{\"name\":\"app-web\",\"type\":\"LABEL\",\"label\":\"app=web\"},"
                + "{\"name\":\"tier-front\",\"type\":\"LABEL\",\"label\":\"tier=front\"}]"), sent(MEMBERS));
    }

    @Test
    void aYamlFileOfMembersUnderItsFieldWithAFlagAdded() throws Exception {
        Path file = Files.writeString(home.resolve("members.yaml"),
                "members:\n  - name: shop\n    label: app=shop\n");

        Cli.Result result = Cli.against(server, home).run("set", "members", "--vc", "3", "--sg", "8", "-f",
                file.toString(), "--label", "app=cart");

        assertEquals(0, result.code(), result.toString());
        assertEquals(JSON.readTree("[{\"name\":\"shop\",\"label\":\"app=shop\"},"
                + "{\"name\":\"app-cart\",\"type\":\"LABEL\",\"label\":\"app=cart\"}]"), sent(MEMBERS));
    }

    @Test
    void oneBindingFromFlags() throws Exception {
        Cli.Result result = Cli.against(server, home).run("set", "bindings", "--vc", "cluster-1", "--sg", "web",
                "--vs", "4", "--name", "inspect-web", "--policy", "p-1", "--policy", "p-2", "--order", "1",
                "--failure-policy", "FAIL_CLOSE", "-o", "json");

        assertEquals(0, result.code(), result.toString());
        assertEquals(JSON.readTree("{\"id\":8,\"jobId\":22}"), JSON.readTree(result.out()));
        assertEquals(JSON.readTree("[{\"virtualSystemId\":4,\"name\":\"inspect-web\",\"policyIds\":[\"p-1\","
                + "\"p-2\"],\"order\":1,\"failurePolicyType\":\"FAIL_CLOSE\"}]"), sent(BINDINGS));
    }

    @Test
    void noneRemovesThemAll() throws Exception {
        Cli.Result result = Cli.against(server, home).run("set", "bindings", "--vc", "cluster-1", "--sg", "web",
                "--none");

        assertEquals(0, result.code(), result.toString());
        assertEquals(JSON.readTree("[]"), sent(BINDINGS));
    }

    @Test
    void nothingToSetOrNoneWithItemsIsAUsageErrorAndSendsNothing() throws Exception {
        Cli.Result empty = Cli.against(server, home).run("set", "members", "--vc", "cluster-1", "--sg", "web");
        Cli.Result both = Cli.against(server, home).run("set", "members", "--vc", "cluster-1", "--sg", "web",
                "--none", "--label", "app=web");
        Cli.Result notAList = Cli.against(server, home).stdin("{\"name\":\"x\"}").run("set", "bindings", "--vc",
                "cluster-1", "--sg", "web", "-f", "-");
        Cli.Result vsName = Cli.against(server, home).run("set", "bindings", "--vc", "cluster-1", "--sg", "web",
                "--vs", "fw", "--name", "b");

        assertEquals(2, empty.code(), empty.toString());
        assertTrue(empty.err().contains("--none"), empty.toString());
        assertEquals(2, both.code(), both.toString());
        assertEquals(2, notAList.code(), notAList.toString());
        assertTrue(notAList.err().contains("under 'bindings'"), notAList.toString());
        assertEquals(2, vsName.code(), vsName.toString());
        assertTrue(vsName.err().contains("--vs takes an id"), vsName.toString());
        assertTrue(server.requests("PUT", MEMBERS).isEmpty() && server.requests("PUT", BINDINGS).isEmpty());
    }

    @Test
    void anUnknownGroupExits3() throws Exception {
        Cli.Result result = Cli.against(server, home).run("set", "members", "--vc", "cluster-1", "--sg", "nope",
                "--label", "app=web");

        assertEquals(3, result.code(), result.toString());
    }
}
