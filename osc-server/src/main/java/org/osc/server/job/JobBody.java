package org.osc.server.job;

/**
 * The work of one job, run by {@link JobEngine#run}: code that takes its steps through the {@link JobContext},
 * each recorded as a task. Returning normally means the job PASSED; throwing means it FAILED, with the reason of
 * the step that threw (or the exception's message, when it was thrown between steps).
 *
 * @param <R> what the body returns to the caller of {@link JobEngine#run}
 */
@FunctionalInterface
public interface JobBody<R> {

    /**
     * Does the job's work.
     *
     * @param context records the steps
     * @return the body's result, handed back in the {@link JobOutcome}
     * @throws Exception any failure
     */
    R run(JobContext context) throws Exception;
}
