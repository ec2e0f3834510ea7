package org.osc.server.reconcile;

import java.util.Optional;

import org.osc.server.job.JobRecord;

/** The {@code lastJobId}, {@code lastJobState}, {@code lastJobStatus} every root object shows. */
public record LastJob(Long lastJobId, String lastJobState, String lastJobStatus) {

    /** @return the summary of the job, or all nulls when the object never had one */
    public static LastJob of(Optional<JobRecord> job) {
        return job.map(j -> new LastJob(j.id(), j.state().name(), j.status() == null ? null : j.status().name()))
                .orElse(new LastJob(null, null, null));
    }
}
