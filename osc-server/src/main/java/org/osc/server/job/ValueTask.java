package org.osc.server.job;

/**
 * A {@link Task} that produces a value for the steps after it (see {@link JobContext#value}).
 *
 * @param <T> what it produces
 */
@FunctionalInterface
public interface ValueTask<T> {

    /**
     * Does the work of this step.
     *
     * @param context lets the step report affected objects and log progress
     * @return the value
     * @throws Exception any failure, recorded as the task's reason
     */
    T execute(TaskContext context) throws Exception;
}
