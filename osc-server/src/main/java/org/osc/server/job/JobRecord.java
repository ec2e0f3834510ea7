package org.osc.server.job;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job as stored: an immutable snapshot. The engine writes a new snapshot at every transition.
 *
 * @param id the store-assigned id
 * @param name what the job does, e.g. {@code Sync security group 'web'}
 * @param state QUEUED, RUNNING or COMPLETED
 * @param status {@code null} until the state is COMPLETED, then PASSED, FAILED or ABORTED
 * @param failureReason {@code null} unless FAILED or ABORTED; names the failed task and its reason (never a stack
 *     trace)
 * @param queued when it was submitted
 * @param started when it started running; {@code null} before (and for a job aborted while queued)
 * @param completed when it completed; {@code null} before
 * @param taskCount number of tasks started so far (all of them once the job completed)
 * @param taskCompleted number of tasks whose state is COMPLETED (whatever their status)
 * @param objects the domain objects the job is about, as declared when it was created
 * @param startedBy who started it ({@link StartedBy}): a user or API token for a REST request, {@code cluster},
 *     {@code resync}, {@code startup} or {@code retry} for the reconcile loop's own; null when not known
 * @param runner the replica that runs the job, or ran it last, or took it over ({@link Runner#identity()}); null
 *     when none did (a job stored for the leader and not adopted yet, or outside an election)
 */
public record JobRecord(long id, String name, JobState state, JobStatus status, String failureReason,
        Instant queued, Instant started, Instant completed, int taskCount, int taskCompleted,
        List<ObjectRef> objects, String startedBy, String runner) {

    public JobRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(queued, "queued");
        objects = List.copyOf(objects);
    }

    /** A record that names no runner. */
    public JobRecord(long id, String name, JobState state, JobStatus status, String failureReason,
            Instant queued, Instant started, Instant completed, int taskCount, int taskCompleted,
            List<ObjectRef> objects, String startedBy) {
        this(id, name, state, status, failureReason, queued, started, completed, taskCount, taskCompleted, objects,
                startedBy, null);
    }

    /** A record that does not say who started the job. */
    public JobRecord(long id, String name, JobState state, JobStatus status, String failureReason,
            Instant queued, Instant started, Instant completed, int taskCount, int taskCompleted,
            List<ObjectRef> objects) {
        this(id, name, state, status, failureReason, queued, started, completed, taskCount, taskCompleted, objects,
                null);
    }

    /** Whether the job has reached its final state. */
    public boolean isDone() {
        return state == JobState.COMPLETED;
    }

    JobRecord running(Instant now) {
        return new JobRecord(id, name, JobState.RUNNING, null, null, queued, now, null, taskCount, taskCompleted,
                objects, startedBy, runner);
    }

    JobRecord withTasks(int count, int completedCount) {
        return new JobRecord(id, name, state, status, failureReason, queued, started, completed, count,
                completedCount, objects, startedBy, runner);
    }

    JobRecord completed(JobStatus finalStatus, String reason, Instant now) {
        return new JobRecord(id, name, JobState.COMPLETED, finalStatus, reason, queued, started, now, taskCount,
                taskCompleted, objects, startedBy, runner);
    }

    /** The abort transition of {@link JobStore#abortRunning(String)}: every task counts as completed. */
    JobRecord aborted(String reason, Instant now) {
        return new JobRecord(id, name, JobState.COMPLETED, JobStatus.ABORTED, reason, queued, started, now,
                taskCount, taskCount, objects, startedBy, runner);
    }
}
