package org.osc.server.job;

import java.time.Duration;

/**
 * What a running {@link Task} may tell the engine. Only valid during {@link Task#execute(TaskContext)}.
 */
public interface TaskContext {

    /** The id of the job this task belongs to. */
    long jobId();

    /** The task's name, unique within its job. */
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

    /**
     * Asks for another run of the job's object after the delay, whether this job passes or not: for a state that
     * is not wrong but not final either (a VNF pod still starting). Of several requests the shortest delay wins.
     * Jobs that are not reconciles ignore it.
     *
     * @param delay how long to wait, more than zero
     */
    void requeueAfter(Duration delay);
}
