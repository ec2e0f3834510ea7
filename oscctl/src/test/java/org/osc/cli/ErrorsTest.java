package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/** Problem+json answers become one readable line and the documented exit code; never a stack trace. */
class ErrorsTest extends FakeServerTest {

    @Test
    void aValidationProblemIsOneLineAndExit4() {
        server.answer("POST", "virtualizationConnectors", new FakeServer.Answer(400, "application/problem+json",
                "{\"type\":\"urn:osc:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"name: is required\",\"errors\":[{\"field\":\"name\","
                        + "\"message\":\"is required\"}]}"));
        Cli.Result result = Cli.against(server, home).run("create", "vc", "--controller-type", "SampleSdn");
        assertEquals(ExitCodes.REJECTED, result.code(), result.toString());
        assertEquals("error: 400 Invalid request: name: is required\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void eachStatusMapsToItsExitCode() {
        server.problem("GET", "virtualizationConnectors/1", 404, "Not found", "Virtualization connector 1")
                .problem("DELETE", "virtualizationConnectors/2", 409, "Conflict", "Security groups still use it")
                .problem("POST", "applianceManagerConnectors/3/sync", 422, "Unprocessable", "No plugin 'X'")
                .problem("GET", "users", 403, "Forbidden", "Only an admin may manage other users")
                .answer("GET", "jobs/5", new FakeServer.Answer(500, "application/problem+json",
                        "{\"title\":\"Internal error\",\"status\":500,\"detail\":\"Unexpected\",\"errorId\":\"e-1\"}"))
                .answer("GET", "plugins", new FakeServer.Answer(502, "text/html", "<html>Bad gateway</html>"));
        Cli cli = Cli.against(server, home);
        Cli.Result notFound = cli.run("get", "vc", "1");
        assertEquals(ExitCodes.NOT_FOUND, notFound.code());
        assertEquals("error: 404 Not found: Virtualization connector 1\n", notFound.err());
        assertEquals(ExitCodes.REJECTED, cli.run("delete", "vc", "2").code());
        assertEquals(ExitCodes.REJECTED, cli.run("sync", "mc", "3").code());
        assertEquals(ExitCodes.AUTH, cli.run("list", "users").code());
        Cli.Result internal = cli.run("job", "5");
        assertEquals(ExitCodes.CONNECTION, internal.code());
        assertEquals("error: 500 Internal error: Unexpected (error id e-1 in the server log)\n", internal.err());
        Cli.Result gateway = cli.run("plugins");
        assertEquals(ExitCodes.CONNECTION, gateway.code());
        assertEquals("error: 502 HTTP error\n", gateway.err());
    }

    @Test
    void badCredentialsExit5() {
        server.problem("GET", "virtualizationConnectors", 401, "Unauthorized",
                "Valid credentials are required (HTTP Basic)");
        Cli.Result result = Cli.against(server, home).env("OSC_PASSWORD", "wrong").run("list", "vc");
        assertEquals(ExitCodes.AUTH, result.code(), result.toString());
        assertEquals("error: 401 Unauthorized: Valid credentials are required (HTTP Basic)\n", result.err());

        Cli.Result anonymous = new Cli(home).env("OSC_URL", server.url()).run("list", "vc");
        assertEquals(ExitCodes.AUTH, anonymous.code());
        assertTrue(anonymous.err().contains("hint: no user given"), anonymous.err());
    }

    @Test
    void aRefusedConnectionExits6() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        Cli.Result result = new Cli(home).env("OSC_URL", "http://127.0.0.1:" + port).run("list", "vc");
        assertEquals(ExitCodes.CONNECTION, result.code(), result.toString());
        assertEquals("error: cannot reach http://127.0.0.1:" + port + "/api/server/v1/: connection refused\n",
                result.err());
    }

    @Test
    void aServerThatIsNotOscIsAConnectionError() {
        server.answer("GET", "virtualizationConnectors", new FakeServer.Answer(200, "text/html", "<html>hi</html>"));
        Cli.Result result = Cli.against(server, home).run("list", "vc");
        assertEquals(ExitCodes.CONNECTION, result.code(), result.toString());
        assertFalse(result.err().contains("Exception"), result.err());
    }

    @Test
    void badInputFilesAreUsageErrors() throws Exception {
        Cli cli = Cli.against(server, home);
        Cli.Result missing = cli.run("create", "vc", "-f", home.resolve("nope.yaml").toString());
        assertEquals(ExitCodes.USAGE, missing.code());
        assertTrue(missing.err().endsWith("nope.yaml: no such file\n"), missing.err());
        Cli.Result broken = cli.stdin("{\"name\": ").run("create", "vc", "-f", "-");
        assertEquals(ExitCodes.USAGE, broken.code());
        assertTrue(broken.err().startsWith("error: cannot parse stdin: "), broken.err());
        assertEquals(ExitCodes.USAGE, cli.stdin("- a\n- b\n").run("create", "vc", "-f", "-").code());
        assertTrue(server.requests.isEmpty());
    }
}
