package org.osc.server.job;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A task as stored: an immutable snapshot. The engine writes a new snapshot at every transition.
 *
 * @param id the store-assigned id
 * @param jobId the job it belongs to
 * @param name what it does, unique within its job
 * @param state QUEUED, PENDING, RUNNING or COMPLETED
 * @param status {@code null} until the state is COMPLETED, then PASSED, FAILED, SKIPPED or ABORTED
 * @param failureReason {@code null} unless FAILED, SKIPPED or ABORTED; never a stack trace
 * @param predecessorIds ids of the tasks (of the same job) that must pass before this one runs
 * @param objects the domain objects the task reported as affected
 * @param started when it started running; {@code null} if it never ran
 * @param completed when it completed; {@code null} before
 */
public record TaskRecord(long id, long jobId, String name, TaskState state, TaskStatus status,
        String failureReason, List<Long> predecessorIds, List<ObjectRef> objects, Instant started,
        Instant completed) {

    public TaskRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        predecessorIds = List.copyOf(predecessorIds);
        objects = List.copyOf(objects);
    }

    /** Whether the task has reached its final state. */
    public boolean isDone() {
        return state == TaskState.COMPLETED;
    }

    TaskRecord pending() {
        return new TaskRecord(id, jobId, name, TaskState.PENDING, null, null, predecessorIds, objects, null, null);
    }

    TaskRecord running(Instant now) {
        return new TaskRecord(id, jobId, name, TaskState.RUNNING, null, null, predecessorIds, objects, now, null);
    }

    TaskRecord completed(TaskStatus finalStatus, String reason, List<ObjectRef> affected, Instant now) {
        return new TaskRecord(id, jobId, name, TaskState.COMPLETED, finalStatus, reason, predecessorIds, affected,
                started, now);
    }

    /** The abort transition of {@link JobStore#abortRunning(String)}; a completed task keeps its outcome. */
    TaskRecord aborted(String reason, Instant now) {
        if (isDone()) {
            return this;
        }
        return completed(TaskStatus.ABORTED, reason, objects, now);
    }
}
