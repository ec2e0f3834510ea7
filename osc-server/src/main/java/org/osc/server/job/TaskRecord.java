package org.osc.server.job;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A task as stored: an immutable snapshot. The engine writes a new snapshot at every transition.
 *
 * @param id the store-assigned id; 0 for a task the store has not seen yet (see {@link JobStore#update})
 * @param jobId the job it belongs to
 * @param position its place in the job, from 0, in the order the tasks started
 * @param name what it does
 * @param state RUNNING or COMPLETED (QUEUED and PENDING only in jobs stored by older versions)
 * @param status {@code null} until the state is COMPLETED, then PASSED, FAILED or ABORTED (SKIPPED only in jobs
 *     stored by older versions)
 * @param failureReason {@code null} unless FAILED or ABORTED; never a stack trace
 * @param predecessorIds the id of the task before it in its job (none for the first); assigned by the store
 * @param objects the domain objects the task reported as affected
 * @param started when it started running
 * @param completed when it completed; {@code null} before
 */
public record TaskRecord(long id, long jobId, int position, String name, TaskState state, TaskStatus status,
        String failureReason, List<Long> predecessorIds, List<ObjectRef> objects, Instant started,
        Instant completed) {

    public TaskRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        predecessorIds = List.copyOf(predecessorIds);
        objects = List.copyOf(objects);
    }

    /** A task that starts now at this place of its job, not yet stored. */
    static TaskRecord started(long jobId, int position, String name, Instant now) {
        return new TaskRecord(0, jobId, position, name, TaskState.RUNNING, null, null, List.of(), List.of(), now,
                null);
    }

    /** Whether the task has reached its final state. */
    public boolean isDone() {
        return state == TaskState.COMPLETED;
    }

    TaskRecord completed(TaskStatus finalStatus, String reason, List<ObjectRef> affected, Instant now) {
        return new TaskRecord(id, jobId, position, name, TaskState.COMPLETED, finalStatus, reason, predecessorIds,
                affected, started, now);
    }

    /** The abort transition of {@link JobStore#abortRunning(String)}; a completed task keeps its outcome. */
    TaskRecord aborted(String reason, Instant now) {
        if (isDone()) {
            return this;
        }
        return completed(TaskStatus.ABORTED, reason, objects, now);
    }
}
