package org.osc.server.job;

/**
 * What a running job's {@link JobBody} records its work through: each step it takes becomes one of the job's
 * tasks, stored with its outcome, so that {@code GET /jobs/{id}/tasks} shows what was done and why it failed.
 * Only valid while the body runs, and only on its thread.
 *
 * <p>A step that throws is recorded as FAILED with the exception's message, and the exception is thrown on to
 * the body unchanged: the body may let it fail the job (usual) or go on with other steps. A step runs at most
 * for the engine's task timeout, after which its thread is interrupted. When the server is shutting down no
 * further step starts: {@link #step} throws {@link JobAbortedException}, and the job ends ABORTED.
 */
public interface JobContext {

    /** The id of the running job. */
    long jobId();

    /**
     * Runs one step now and records it as a task of the job.
     *
     * @param name what the step does, as the task list shows it
     * @param task the work
     * @throws Exception whatever the task threw (it is recorded as the task's failure first)
     * @throws JobAbortedException when the server is shutting down: the step is not started
     */
    void step(String name, Task task) throws Exception;

    /**
     * Runs one step that produces a value now and records it as a task of the job.
     *
     * @param name what the step does, as the task list shows it
     * @param task the work
     * @return what the task returned
     * @throws Exception whatever the task threw (it is recorded as the task's failure first)
     * @throws JobAbortedException when the server is shutting down: the step is not started
     */
    <T> T value(String name, ValueTask<T> task) throws Exception;
}
