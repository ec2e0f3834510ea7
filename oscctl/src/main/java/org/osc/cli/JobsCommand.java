package org.osc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oscctl jobs}: recent jobs, newest first. */
@Command(name = "jobs", description = "List jobs, newest first.",
        footer = { "%nExamples:%n  oscctl jobs --state running%n  oscctl jobs --limit 5 -o json" })
public class JobsCommand extends BaseCommand {

    @Option(names = "--state", paramLabel = "STATE", description = "Only QUEUED, RUNNING or COMPLETED jobs.")
    String state;

    @Option(names = "--limit", paramLabel = "N", description = "At most N jobs (the server's default is 100; "
            + "0 for all).")
    Integer limit;

    @Override
    public Integer call() {
        List<String> query = new ArrayList<>();
        if (state != null) {
            query.add("state=" + OscClient.segment(state.toUpperCase(Locale.ROOT)));
        }
        if (limit != null) {
            if (limit < 0) {
                throw CliException.usage("--limit must be 0 (all) or more");
            }
            query.add("limit=" + limit);
        }
        String path = "jobs" + (query.isEmpty() ? "" : "?" + String.join("&", query));
        output().list(Kind.JOBS, client().get(path));
        return ExitCodes.OK;
    }
}
