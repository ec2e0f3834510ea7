package org.osc.server.job;

/**
 * One step of a job (see {@link JobContext#step}): usually a lambda capturing what it works on.
 *
 * <p>Returning normally means PASSED. Throwing anything (checked exception, runtime exception or {@link Error})
 * means FAILED, with the exception's message as the stored failure reason; the stack trace goes to the log only.
 * A task should be idempotent: after a crash the whole reconcile runs again.
 */
@FunctionalInterface
public interface Task {

    /**
     * Does the work of this task.
     *
     * @param context lets the task report affected objects and log progress
     * @throws Exception any failure; the thread is interrupted when the server shuts down and the grace period
     *     has run out, so blocking calls should let {@link InterruptedException} propagate
     */
    void execute(TaskContext context) throws Exception;
}
