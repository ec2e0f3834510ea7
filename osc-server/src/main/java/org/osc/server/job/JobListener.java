package org.osc.server.job;

/**
 * Told when a job has completed (passed, failed or aborted), after its final state has been written to the
 * {@link JobStore}. Called on the engine's thread: keep it short; a listener that throws is logged and ignored.
 */
@FunctionalInterface
public interface JobListener {

    /**
     * A job completed.
     *
     * @param job the job's final record, with state {@link JobState#COMPLETED}
     */
    void jobCompleted(JobRecord job);
}
