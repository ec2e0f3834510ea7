package org.osc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oscctl tokens}: lists your API tokens; {@code create} makes one, {@code revoke} revokes one. */
@Command(name = "tokens", description = "List your API tokens (for scripts: --api-token or OSC_TOKEN); create "
        + "or revoke one.",
        subcommands = { TokensCommand.ListTokens.class, TokensCommand.Create.class, TokensCommand.Revoke.class },
        footer = { "%nA token is sent as 'Authorization: Bearer <token>'. Its role is at most yours, and your "
                + "current role caps it. Tokens are made with a password, not with another token. "
                + "See docs/tokens.md.",
            "%nExamples:%n  oscctl tokens%n  oscctl tokens create ci-deploy --expires 30d%n"
                    + "  oscctl tokens create dashboards --role auditor --expires 1y%n"
                    + "  oscctl tokens revoke ci-deploy" })
public class TokensCommand extends BaseCommand {

    @Override
    public Integer call() {
        output().list(Kind.TOKENS, client().get("tokens"));
        return ExitCodes.OK;
    }

    /** {@code oscctl tokens list [--owner NAME | --all]}. */
    @Command(name = "list", aliases = "ls", description = "List your tokens; an admin may list a user's or all.",
            footer = { "%nExamples:%n  oscctl tokens list%n  oscctl tokens list --owner bob%n"
                    + "  oscctl tokens list --all -o json" })
    public static class ListTokens extends BaseCommand {

        @Option(names = "--owner", paramLabel = "USER", description = "The tokens of this user (admins).")
        String owner;

        @Option(names = "--all", description = "Every user's tokens (admins).")
        boolean all;

        @Override
        public Integer call() {
            String path = all ? "tokens?all=true" : owner != null ? "tokens?user=" + OscClient.segment(owner)
                    : "tokens";
            output().list(Kind.TOKENS, client().get(path));
            return ExitCodes.OK;
        }
    }

    /** {@code oscctl tokens create NAME [--expires 30d] [--role auditor]}. */
    @Command(name = "create", description = "Make a token for yourself; prints it once: keep it now.",
            footer = { "%nWith -o json the answer, with the token in \"secret\", is printed instead.",
                "%nExamples:%n  oscctl tokens create ci-deploy --expires 30d%n"
                        + "  export OSC_TOKEN=$(oscctl tokens create nightly --expires 7d -o json | jq -r .secret)" })
    public static class Create extends BaseCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "Unique among your tokens.")
        String name;

        @Option(names = "--expires", paramLabel = "DURATION",
                description = "Lifetime: a number and s, m, h, d or y (default 90d, at most 1y).")
        String expires;

        @Option(names = "--role", paramLabel = "ROLE", description = "admin or auditor; at most yours (default).")
        String role;

        @Override
        public Integer call() {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("name", name);
            CreateCommand.Base.put(body, "expiresIn", expires);
            CreateCommand.Base.put(body, "role", role);
            JsonNode reply = client().send("POST", "tokens", body).body();
            Output output = output();
            if (!output.isTable()) {
                output.document(reply);
                return ExitCodes.OK;
            }
            spec.commandLine().getOut().println(reply.path("secret").asText());
            spec.commandLine().getOut().flush();
            err().println("created token " + reply.path("id").asText() + " '" + name + "' (role "
                    + reply.path("role").asText() + ", expires " + reply.path("expiresAt").asText() + ")");
            err().println("hint: this is the only time the token is shown; use it with OSC_TOKEN=... or "
                    + "'Authorization: Bearer ...'");
            err().flush();
            return ExitCodes.OK;
        }
    }

    /** {@code oscctl tokens revoke ID|NAME}. */
    @Command(name = "revoke", aliases = { "rm", "delete" },
            description = "Revoke a token: requests with it are refused (401) at once.",
            footer = { "%nA name is looked up among your own tokens; an admin revokes another user's by id.",
                "%nExamples:%n  oscctl tokens revoke ci-deploy%n  oscctl tokens revoke 12" })
    public static class Revoke extends BaseCommand {

        @Parameters(index = "0", paramLabel = "ID|NAME", description = "The token's id, or the name of yours.")
        String ref;

        @Override
        public Integer call() {
            String id = resolver().id(Kind.TOKENS, Scope.ROOT, ref);
            client().send("DELETE", "tokens/" + id, null);
            output().result("revoked token " + ref, null);
            return ExitCodes.OK;
        }
    }
}
