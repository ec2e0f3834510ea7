package org.osc.server.job;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link JobStore#create(NewJob)} persists: a job in state QUEUED, without tasks yet (a job's tasks are
 * recorded as they start).
 *
 * @param name the job's name
 * @param objects the domain objects the job is about
 * @param queued the submission time
 * @param startedBy who started it ({@link StartedBy}), or null when not known
 * @param runner who runs it: the leader that stores it, or {@link Runner#NONE} for a follower
 */
public record NewJob(String name, List<ObjectRef> objects, Instant queued, String startedBy, Runner runner) {

    public NewJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queued, "queued");
        Objects.requireNonNull(runner, "runner");
        objects = List.copyOf(objects);
    }

    /** A job stored outside an election ({@link Runner#LOCAL}). */
    public NewJob(String name, List<ObjectRef> objects, Instant queued, String startedBy) {
        this(name, objects, queued, startedBy, Runner.LOCAL);
    }

    /** A job that does not say who started it, stored outside an election. */
    public NewJob(String name, List<ObjectRef> objects, Instant queued) {
        this(name, objects, queued, null);
    }

    /** The initial (QUEUED) record of this job once the store has given it an id. */
    public JobRecord toRecord(long jobId) {
        return new JobRecord(jobId, name, JobState.QUEUED, null, null, queued, null, null, 0, 0, objects, startedBy,
                runner.identity());
    }
}
