package org.osc.server.job;

/** Where a task is in its life. */
public enum TaskState {
    /** Its job is queued. */
    QUEUED,
    /** Its job is running; the task waits for its predecessors or for its turn. */
    PENDING,
    /** Executing now. */
    RUNNING,
    /** Done; the {@link TaskStatus} says how it ended. */
    COMPLETED
}
