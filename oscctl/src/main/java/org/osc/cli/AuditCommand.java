package org.osc.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oscctl audit}: the audit trail, newest first (admins and auditors). */
@Command(name = "audit", description = "Show the audit trail, newest first: changes, login failures, lockouts.",
        footer = { "%nTimes: an ISO-8601 instant (2026-01-31T12:00:00Z) or a time ago (90s, 30m, 1h, 7d).",
            "%nExamples:%n  oscctl audit --since 1h%n  oscctl audit --by alice --method DELETE%n"
                    + "  oscctl audit --status 401 --limit 20 -o json" })
public class AuditCommand extends BaseCommand {

    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");

    /** {@code --user} is the connection's user (a global option), so the filter is {@code --by}. */
    @Option(names = "--by", paramLabel = "NAME", description = "Only this user (or name tried, or token name).")
    String user;

    @Option(names = "--method", paramLabel = "METHOD", description = "Only this HTTP method (POST, PUT, DELETE...).")
    String method;

    @Option(names = "--status", paramLabel = "CODE", description = "Only answers with this HTTP status.")
    Integer status;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only objects of this type (SECURITY_GROUP...).")
    String objectType;

    @Option(names = "--object", paramLabel = "ID", description = "Only the object with this id or name.")
    String objectId;

    @Option(names = "--since", paramLabel = "TIME", description = "Only records at or after this time.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only records before this time.")
    String until;

    @Option(names = "--limit", paramLabel = "N", description = "At most N records (1 to 1000; default 100).")
    Integer limit;

    @Option(names = "--all", description = "Every matching record: follows the pages (ignores --limit's cap).")
    boolean all;

    private final Clock clock;

    /** The command on the system clock. */
    public AuditCommand() {
        this(Clock.systemUTC());
    }

    AuditCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        List<String> query = new ArrayList<>();
        add(query, "user", user);
        add(query, "method", method == null ? null : method.toUpperCase(Locale.ROOT));
        add(query, "status", status == null ? null : status.toString());
        add(query, "objectType", objectType == null ? null : objectType.toUpperCase(Locale.ROOT));
        add(query, "objectId", objectId);
        add(query, "since", since == null ? null : time("--since", since).toString());
        add(query, "until", until == null ? null : time("--until", until).toString());
        if (limit != null) {
            if (limit < 1 || limit > 1000) {
                throw CliException.usage("--limit must be 1 to 1000");
            }
            add(query, "limit", limit.toString());
        }
        String path = "audit" + (query.isEmpty() ? "" : "?" + String.join("&", query));
        JsonNode page = client().get(path);
        if (all) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            items.addAll((ArrayNode) page.path("items"));
            while (page.hasNonNull("next")) {
                String next = page.get("next").asText();
                page = client().get(next.substring(next.indexOf("audit?")));
                items.addAll((ArrayNode) page.path("items"));
            }
            ObjectNode whole = JsonNodeFactory.instance.objectNode();
            whole.set("items", items);
            page = whole;
        }
        Output output = output();
        if (output.isTable()) {
            spec.commandLine().getOut().print(Output.table(COLUMNS, page.path("items")));
            spec.commandLine().getOut().flush();
        } else {
            output.document(page);
        }
        return ExitCodes.OK;
    }

    private static final List<Columns.Column> COLUMNS = List.of(text("TIME", "time"), text("EVENT", "event"),
            new Columns.Column("USER", n -> n.hasNonNull("token") ? n.path("user").asText("") + " (token "
                    + n.path("token").asText() + ")" : n.path("user").asText("")),
            text("ROLE", "role"), text("SOURCE", "source"), text("METHOD", "method"), text("PATH", "path"),
            text("STATUS", "status"), new Columns.Column("OBJECT", n -> n.hasNonNull("objectType")
                    ? n.get("objectType").asText() + (n.hasNonNull("objectId") ? " " + n.get("objectId").asText() : "")
                    : ""), text("JOB", "jobId"), text("REQUEST", "requestId"));

    private static Columns.Column text(String header, String field) {
        return new Columns.Column(header, n -> n.hasNonNull(field) ? n.get(field).asText() : "");
    }

    private static void add(List<String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add(name + "=" + OscClient.segment(value.trim()));
        }
    }

    /** @return the instant a {@code --since}/{@code --until} value names: ISO-8601, or a time ago */
    Instant time(String option, String value) {
        Matcher ago = AGO.matcher(value.trim());
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw CliException.usage(option + " must be an ISO-8601 instant (2026-01-31T12:00:00Z) or a time ago "
                    + "(90s, 30m, 1h, 7d), not '" + value + "'");
        }
    }
}
