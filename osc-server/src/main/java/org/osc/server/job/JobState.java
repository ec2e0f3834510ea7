package org.osc.server.job;

/** Where a job is in its life: waiting for its object's turn, running, or done. */
public enum JobState {
    /** Created and persisted, waiting to be run (a reconcile waits for its object's turn in the queue). */
    QUEUED,
    /** Running: its tasks are recorded as they start. */
    RUNNING,
    /** Done; the {@link JobStatus} says how it ended. */
    COMPLETED
}
