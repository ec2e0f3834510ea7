package org.osc.server.job;

/**
 * How a job ended. A job's status is {@code null} until its state is {@link JobState#COMPLETED}.
 */
public enum JobStatus {
    /** Every task passed. */
    PASSED,
    /** A task failed (the tasks after it were skipped). */
    FAILED,
    /** The server stopped or restarted before the job could finish. */
    ABORTED
}
