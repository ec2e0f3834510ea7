package org.osc.server.reconcile;

import java.time.Instant;
import java.util.Optional;

import org.osc.server.job.JobRecord;

/**
 * The {@code lastJobId}, {@code lastJobState}, {@code lastJobStatus} and {@code nextRetryAt} every root object
 * shows; {@code nextRetryAt} is set while the object waits for an automatic retry after a transient failure (or
 * for the recheck a reconcile asked for).
 */
public record LastJob(Long lastJobId, String lastJobState, String lastJobStatus, Instant nextRetryAt) {

    /** @return the summary of the job and retry, all nulls when the object never had a job */
    public static LastJob of(Optional<JobRecord> job, Optional<Instant> nextRetry) {
        Instant next = nextRetry.orElse(null);
        return job.map(j -> new LastJob(j.id(), j.state().name(), j.status() == null ? null : j.status().name(), next))
                .orElse(new LastJob(null, null, null, next));
    }
}
