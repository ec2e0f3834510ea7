package org.osc.server.job;

/** Where a task is in its life. */
public enum TaskState {
    /** Its job was queued; only in jobs stored by versions that planned all tasks in advance. */
    QUEUED,
    /** It waited for its turn; only in jobs stored by versions that planned all tasks in advance. */
    PENDING,
    /** Executing now. */
    RUNNING,
    /** Done; the {@link TaskStatus} says how it ended. */
    COMPLETED
}
