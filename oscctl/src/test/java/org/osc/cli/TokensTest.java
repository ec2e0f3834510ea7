package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** {@code oscctl tokens} and authenticating with a token ({@code --api-token}, OSC_TOKEN, config {@code token}). */
class TokensTest extends FakeServerTest {

    private static final String TOKEN = "osc_12_" + "A".repeat(43);
    private static final String CREATED = "{\"id\":12,\"name\":\"ci\",\"user\":\"admin\",\"role\":\"auditor\","
            + "\"created\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-01-31T00:00:00Z\",\"secret\":\"" + TOKEN
            + "\"}";
    private static final String LIST = "{\"items\":[{\"id\":12,\"name\":\"ci\",\"user\":\"admin\",\"role\":\"auditor\","
            + "\"created\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-01-31T00:00:00Z\"}]}";

    @Test
    void createPrintsTheTokenAloneOnStdoutAndSendsTheLifetimeAndRole() {
        server.on("POST", "tokens", 201, CREATED);
        Cli.Result result = Cli.against(server, home).run("tokens", "create", "ci", "--expires", "30d", "--role",
                "auditor");
        assertEquals(0, result.code(), result.toString());
        assertEquals(TOKEN + "\n", result.out());
        assertTrue(result.err().contains("only time"), result.err());
        String sent = new String(server.requests("POST", "tokens").get(0).body(), StandardCharsets.UTF_8);
        assertEquals("{\"name\":\"ci\",\"expiresIn\":\"30d\",\"role\":\"auditor\"}", sent);
    }

    @Test
    void listAndRevokeByName() {
        server.on("GET", "tokens", 200, LIST).on("DELETE", "tokens/12", 204, "");
        Cli.Result list = Cli.against(server, home).run("tokens");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("ci") && list.out().contains("LAST-USED"), list.out());
        Cli.Result revoke = Cli.against(server, home).run("tokens", "revoke", "ci");
        assertEquals(0, revoke.code(), revoke.toString());
        assertEquals(1, server.requests("DELETE", "tokens/12").size());
    }

    @Test
    void anAdminListsEveryonesTokens() {
        server.on("GET", "tokens?all=true", 200, LIST).on("GET", "tokens?user=bob", 200, LIST);
        assertEquals(0, Cli.against(server, home).run("tokens", "list", "--all").code());
        assertEquals(0, Cli.against(server, home).run("tokens", "list", "--owner", "bob").code());
        assertEquals(1, server.requests("GET", "tokens?all=true").size());
        assertEquals(1, server.requests("GET", "tokens?user=bob").size());
    }

    @Test
    void aTokenIsSentAsBearerInsteadOfTheUserFromFlagEnvironmentOrConfig() throws Exception {
        server.on("GET", "tokens", 200, LIST);
        Cli.against(server, home).run("tokens", "--api-token", TOKEN);
        Cli.against(server, home).env("OSC_TOKEN", TOKEN).run("tokens");
        Path config = home.resolve("oscctl.properties");
        Files.writeString(config, "token=" + TOKEN + "\n");
        new Cli(home).env("OSC_URL", server.url()).run("tokens", "--config", config.toString());
        Cli.against(server, home).run("tokens");
        var sent = server.requests("GET", "tokens").stream().map(FakeServer.Request::authorization).toList();
        assertEquals("Bearer " + TOKEN, sent.get(0));
        assertEquals("Bearer " + TOKEN, sent.get(1));
        assertEquals("Bearer " + TOKEN, sent.get(2));
        assertTrue(sent.get(3).startsWith("Basic "), sent.get(3));
    }

    @Test
    void aUserFlagWinsOverATokenInTheEnvironment() {
        server.on("GET", "tokens", 200, LIST);
        new Cli(home).env("OSC_URL", server.url()).env("OSC_TOKEN", TOKEN)
                .run("tokens", "--user", "admin", "--password", "secret");
        assertTrue(server.requests("GET", "tokens").get(0).authorization().startsWith("Basic "));
    }

    @Test
    void aRefusedTokenSaysWhatMayBeWrong() {
        server.problem("GET", "tokens", 401, "Unauthorized", "The API token is not valid");
        Cli.Result result = Cli.against(server, home).env("OSC_TOKEN", TOKEN).run("tokens");
        assertEquals(5, result.code(), result.toString());
        assertTrue(result.err().contains("revoked or expired"), result.err());
    }
}
