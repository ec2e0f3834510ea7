package org.osc.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand needs: the client, name resolution, output in the chosen format, and following the
 * job an answer started.
 */
public abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** @return the root command, holding the global options */
    protected Main root() {
        return (Main) spec.root().userObject();
    }

    /** @return the REST client */
    protected OscClient client() {
        return root().client();
    }

    /** @return a resolver of names to ids */
    protected Resolver resolver() {
        return new Resolver(client());
    }

    /** @return the output in the chosen format on stdout */
    protected Output output() {
        return new Output(spec.commandLine().getOut(), root().format());
    }

    /** @return stderr */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Ends a write: prints its result, or, with {@code --wait} and a job in the answer, follows the job.
     *
     * @param wait the command's wait options
     * @param line what to print for people
     * @param reply the server's answer (may carry {@code jobId})
     * @return the exit code
     */
    protected int finish(WaitOptions wait, String line, JsonNode reply) {
        String jobId = reply == null || !reply.hasNonNull("jobId") ? null : reply.get("jobId").asText();
        if (wait == null || !wait.enabled() || jobId == null) {
            output().result(jobId == null ? line : line + "; job " + jobId, reply);
            return ExitCodes.OK;
        }
        if (output().isTable()) {
            err().println(line + "; following job " + jobId);
        }
        JsonNode job = new JobWatcher(client(), err()).follow(jobId, wait.timeout());
        output().result("job " + jobId + " PASSED", job);
        return ExitCodes.OK;
    }
}
