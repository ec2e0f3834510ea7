package org.osc.server.job;

import java.util.concurrent.atomic.AtomicBoolean;

/** A job stored as QUEUED by {@link JobEngine#prepare}, waiting for {@link JobEngine#run}. */
public final class PreparedJob {

    private final JobRun run;
    private final AtomicBoolean claimed = new AtomicBoolean();

    PreparedJob(JobRun run) {
        this.run = run;
    }

    /** @return the job's id */
    public long id() {
        return run.id();
    }

    /** @return the job as it is now */
    public JobRecord job() {
        return run.job();
    }

    JobRun claim() {
        if (!claimed.compareAndSet(false, true)) {
            throw new IllegalArgumentException("Job " + run.id() + " has been run already");
        }
        return run;
    }
}
