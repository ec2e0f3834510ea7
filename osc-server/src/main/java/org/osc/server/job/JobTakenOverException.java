package org.osc.server.job;

/**
 * A write of a run refused because the job's row no longer names the run's {@link Runner}: another replica (the
 * new leader) took the job over. Nothing of the write was stored; the run stops without writing anything more.
 */
public final class JobTakenOverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long jobId;
    private final String runner;

    /**
     * @param jobId the job
     * @param runner the identity of the replica the row names now, or null when it names none
     */
    public JobTakenOverException(long jobId, String runner) {
        super("Job " + jobId + " was taken over by " + (runner == null ? "another replica" : runner));
        this.jobId = jobId;
        this.runner = runner;
    }

    /** @return the job */
    public long jobId() {
        return jobId;
    }

    /** @return the replica the job's row names now, or null */
    public String runner() {
        return runner;
    }
}
