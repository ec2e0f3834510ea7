package org.osc.server.job;

import java.time.Duration;
import java.util.List;

/**
 * How a job run by {@link JobEngine#run} ended.
 *
 * @param job its final record
 * @param failures what its failed tasks threw, in task order; empty when none failed (or it was aborted)
 * @param requeueAfter the shortest delay a task asked for with {@link TaskContext#requeueAfter}, or null
 */
public record JobOutcome(JobRecord job, List<Throwable> failures, Duration requeueAfter) {

    public JobOutcome {
        failures = List.copyOf(failures);
    }
}
