package org.osc.server.job;

/**
 * How a task ended. A task's status is {@code null} until its state is {@link TaskState#COMPLETED}.
 */
public enum TaskStatus {
    /** It returned normally. */
    PASSED,
    /** It threw; the failure reason holds the exception's message. */
    FAILED,
    /** It never ran because a task before it failed; only in jobs stored by versions that planned all tasks. */
    SKIPPED,
    /** It never finished because the server stopped or restarted. */
    ABORTED
}
