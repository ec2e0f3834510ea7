package org.osc.cli;

import java.io.PrintWriter;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows a job to its end ({@code --wait}): polls it, prints a progress line on stderr whenever the state or
 * task count changes, and ends with the job when it PASSED, or a failure carrying the exit code the outcome
 * maps to (1 FAILED/ABORTED, 7 timeout).
 */
public final class JobWatcher {

    // a short job (most syncs) ends within a few hundred ms: start polling fast, then back off to 1 s
    private static final long FIRST_POLL_MS = 100;
    private static final long MAX_POLL_MS = 1000;

    private final OscClient client;
    private final PrintWriter err;

    /**
     * @param client reads the job
     * @param err where progress lines go
     */
    public JobWatcher(OscClient client, PrintWriter err) {
        this.client = client;
        this.err = err;
    }

    /**
     * @param jobId the job
     * @param timeout how long to follow it
     * @return the job as last read, once it COMPLETED with PASSED
     * @throws CliException exit 1 when it FAILED or was ABORTED (with the reason), exit 7 on timeout
     */
    public JsonNode follow(String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL_MS;
        String last = null;
        while (true) {
            JsonNode job = client.get("jobs/" + jobId);
            String progress = progress(job);
            if (!progress.equals(last)) {
                err.println(progress);
                err.flush();
                last = progress;
            }
            if ("COMPLETED".equals(job.path("state").asText())) {
                String status = job.path("status").asText("");
                if ("PASSED".equals(status)) {
                    return job;
                }
                throw new CliException(ExitCodes.JOB_FAILED, "job " + jobId + " " + status + ": " + reason(job));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new CliException(ExitCodes.TIMEOUT, "job " + jobId + " still " + job.path("state").asText()
                        + " after " + timeout.toSeconds() + " s (" + tasks(job) + "); follow it with: oscctl job "
                        + jobId + " --wait");
            }
            sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
            pause = Math.min(MAX_POLL_MS, pause * 2);
        }
    }

    /** @return the progress line of a job, e.g. {@code job 7 Sync mc 'm1': task 2 of 5, RUNNING} */
    static String progress(JsonNode job) {
        String state = job.path("state").asText("?");
        if (job.hasNonNull("status")) {
            state += " " + job.get("status").asText();
        }
        return "job " + job.path("id").asText("?") + " " + job.path("name").asText("") + ": " + tasks(job) + ", "
                + state;
    }

    private static String tasks(JsonNode job) {
        return "task " + job.path("taskCompleted").asInt() + " of " + job.path("taskCount").asInt();
    }

    /** The job's own reason, or else the first failed task's, so that the user sees what went wrong. */
    private String reason(JsonNode job) {
        if (job.hasNonNull("failureReason") && !job.get("failureReason").asText().isBlank()) {
            return job.get("failureReason").asText();
        }
        for (JsonNode task : client.get("jobs/" + job.path("id").asText() + "/tasks").path("items")) {
            if (task.hasNonNull("failReason") && !task.get("failReason").asText().isBlank()) {
                return task.path("name").asText("task") + ": " + task.get("failReason").asText();
            }
        }
        return "no reason given";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.TIMEOUT, "interrupted while following the job");
        }
    }
}
