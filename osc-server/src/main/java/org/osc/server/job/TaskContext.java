package org.osc.server.job;

/**
 * What a running {@link Task} may tell the engine. Only valid while the task runs.
 */
public interface TaskContext {

    /** The id of the job this task belongs to. */
    long jobId();

    /** The task's name. */
    String taskName();

    /**
     * Records that this task affected an object; stored with the task when it completes (passed or failed).
     *
     * @param object the affected object; duplicates are ignored
     */
    void addObject(ObjectRef object);

    /**
     * Logs a progress line at INFO, prefixed with the job id and task name. Not persisted.
     *
     * @param line a human-readable status line
     */
    void status(String line);
}
