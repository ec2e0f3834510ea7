package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Argument parsing: usage errors, help on every command, connection settings and their precedence. */
class ArgumentsTest extends FakeServerTest {

    @Override
    FakeServer routes(FakeServer fresh) {
        return fresh.on("GET", "virtualizationConnectors/3", 200, "{\"id\":3,\"name\":\"c\"}");
    }

    @Test
    void anUnknownKindIsAUsageErrorNamingTheKinds() {
        Cli.Result result = Cli.against(server, home).run("list", "pods");
        assertEquals(ExitCodes.USAGE, result.code(), result.toString());
        assertTrue(result.err().contains("unknown kind 'pods'") && result.err().contains("sg|security-groups"),
                result.err());
        assertTrue(server.requests.isEmpty(), "nothing is sent");
    }

    @Test
    void missingArgumentsAndMisplacedParentsAreUsageErrors() {
        Cli cli = Cli.against(server, home);
        assertEquals(ExitCodes.USAGE, cli.run("get", "vc").code());
        assertEquals(ExitCodes.USAGE, cli.run().code());
        assertEquals(ExitCodes.USAGE, cli.run("create").code());
        Cli.Result noVc = cli.run("list", "sg");
        assertEquals(ExitCodes.USAGE, noVc.code());
        assertTrue(noVc.err().contains("sg needs --vc"), noVc.err());
        Cli.Result wrongParent = cli.run("get", "ds", "x", "--vc", "1");
        assertEquals(ExitCodes.USAGE, wrongParent.code());
        assertTrue(wrongParent.err().contains("--vc does not apply to ds (it takes --vs)"), wrongParent.err());
        assertEquals(ExitCodes.USAGE, cli.run("delete", "vc", "3", "--force").code());
        assertEquals(ExitCodes.USAGE, cli.run("sync", "vc", "3").code());
        assertEquals(ExitCodes.USAGE, cli.run("get", "members", "x", "--vc", "1", "--sg", "2").code());
        assertEquals(ExitCodes.USAGE, cli.run("get", "ds", "x", "--vs", "four").code());
        assertEquals(ExitCodes.USAGE, cli.run("list", "vc", "-o", "xml").code());
        assertEquals(ExitCodes.USAGE, cli.run("create", "sg", "--name", "x").code(), "--vc is required");
        assertTrue(server.requests.isEmpty(), "nothing is sent: " + server.requests);
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Main.commandLine(new Main(Map.of(), home)), commands);
        assertTrue(commands.size() >= 20, "commands: " + commands.size());
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName(" ");
            if (name.endsWith(" help")) {
                continue;
            }
            String[] words = name.split(" ");
            List<String> withHelp = new ArrayList<>(List.of(words).subList(1, words.length));
            withHelp.add("--help");
            Cli.Result result = new Cli(home).run(withHelp.toArray(String[]::new));
            assertEquals(0, result.code(), name + ": " + result);
            assertTrue(result.out().contains("Usage: " + name), name + ": " + result.out());
            assertTrue(result.out().contains("Example"), name + " shows an example");
        }
        assertTrue(new Cli(home).run("--help").out().contains("7  timeout"), "exit codes in the root help");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        Cli cli = new Cli(home); // no environment at all
        assertEquals(0, cli.run("--url", server.url(), "--user", "u", "--password", "p", "get", "vc", "3").code());
        assertEquals(0, cli.run("get", "vc", "3", "--url", server.url() + "/api/server/v1/").code());
        assertEquals("Basic dTpw", server.requests.get(0).authorization(), "u:p");
        assertEquals(null, server.requests.get(1).authorization(), "no user, no credentials");
    }

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheConfigFile() throws Exception {
        Path file = home.resolve(".config/oscctl/config.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "url=" + server.url() + "\nuser=fileuser\npassword=filepw\n");
        Cli cli = new Cli(home);
        assertEquals(0, cli.run("get", "vc", "3").code());
        cli.env("OSC_USER", "envuser");
        assertEquals(0, cli.run("get", "vc", "3").code());
        assertEquals(0, cli.run("get", "vc", "3", "--user", "flaguser").code());
        assertEquals(List.of("fileuser:filepw", "envuser:filepw", "flaguser:filepw"),
                server.requests.stream().map(r -> new String(java.util.Base64.getDecoder()
                        .decode(r.authorization().substring(6)))).toList());
    }

    @Test
    void anExplicitConfigFileMustExistAndTheDefaultURLIsLocal() {
        Cli.Result result = new Cli(home).run("get", "vc", "3", "--config", home.resolve("nope").toString());
        assertEquals(ExitCodes.USAGE, result.code(), result.toString());
        assertEquals("https://127.0.0.1:8090/api/server/v1/",
                Connection.resolve(new Connection(null, null, null), null, Map.of(), home).baseUrl());
        assertEquals(ExitCodes.USAGE, new Cli(home).run("get", "vc", "3", "--url", "localhost:8090").code());
    }

    @Test
    void completionPrintsABashScript() {
        Cli.Result result = new Cli(home).run("completion");
        assertEquals(0, result.code());
        assertTrue(result.out().contains("complete -F") && result.out().contains("oscctl"), result.out());
        assertTrue(result.out().contains("virtualization-connectors") || result.out().contains("vc"),
                "kinds are completed");
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
}
