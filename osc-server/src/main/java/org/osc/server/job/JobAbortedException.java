package org.osc.server.job;

/**
 * Thrown by {@link JobContext#step} when the job may not take another step because the server is shutting down.
 * The job ends ABORTED; a job body should let it through.
 */
public final class JobAbortedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JobAbortedException(String reason) {
        super(reason);
    }
}
