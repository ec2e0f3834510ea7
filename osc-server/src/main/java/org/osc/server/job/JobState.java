package org.osc.server.job;

/** Where a job is in its life: waiting for a thread or its lock key, running, or done. */
public enum JobState {
    /** Created and persisted, waiting for a pool thread or for an earlier job with the same lock key. */
    QUEUED,
    /** Its tasks are being executed. */
    RUNNING,
    /** Done; the {@link JobStatus} says how it ended. */
    COMPLETED
}
