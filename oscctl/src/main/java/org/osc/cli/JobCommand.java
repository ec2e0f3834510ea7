package org.osc.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oscctl job ID}: one job field by field, with its tasks on request, or followed to its end. */
@Command(name = "job", description = "Show a job; --tasks adds its tasks, --wait follows it to its end.",
        footer = { "%nWith -o json, --tasks prints the tasks answer ({\"items\": [...]}) instead of the job.",
            "%nExamples:%n  oscctl job 42 --tasks%n  oscctl job 42 --wait --timeout 600" })
public class JobCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job id.")
    String id;

    @Option(names = "--tasks", description = "Also show the job's tasks.")
    boolean tasks;

    @Mixin
    WaitOptions wait;

    @Override
    public Integer call() {
        String jobId = Resolver.numeric("JOB_ID", id);
        JsonNode job = wait.enabled() ? new JobWatcher(client(), err()).follow(jobId, wait.timeout())
                : client().get("jobs/" + jobId);
        Output output = output();
        if (!tasks) {
            output.details(job);
        } else if (output.isTable()) {
            output.details(job);
            spec.commandLine().getOut().println();
            output.list(Kind.TASKS, client().get("jobs/" + jobId + "/tasks"));
        } else {
            output.document(client().get("jobs/" + jobId + "/tasks"));
        }
        return ExitCodes.OK;
    }
}
