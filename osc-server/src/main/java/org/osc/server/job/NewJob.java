package org.osc.server.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link JobStore#create(NewJob)} persists: a job in state QUEUED with its tasks in state QUEUED.
 *
 * @param name the job's name
 * @param objects the domain objects the job is about
 * @param queued the submission time
 * @param tasks the tasks, in a valid execution order
 */
public record NewJob(String name, List<ObjectRef> objects, Instant queued, List<NewTask> tasks) {

    public NewJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queued, "queued");
        objects = List.copyOf(objects);
        tasks = List.copyOf(tasks);
    }

    /** The initial (QUEUED) record of this job once the store has given it an id. */
    public JobRecord toRecord(long jobId) {
        return new JobRecord(jobId, name, JobState.QUEUED, null, null, queued, null, null, tasks.size(), 0,
                objects);
    }

    /** The initial (QUEUED) records of the tasks, given the ids the store assigned (in the same order). */
    public List<TaskRecord> toTaskRecords(JobIds ids) {
        if (ids.taskIds().size() != tasks.size()) {
            throw new IllegalArgumentException("Expected " + tasks.size() + " task ids, got " + ids.taskIds().size());
        }
        List<TaskRecord> records = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            List<Long> predecessorIds = tasks.get(i).predecessors().stream().map(ids.taskIds()::get).toList();
            records.add(new TaskRecord(ids.taskIds().get(i), ids.jobId(), tasks.get(i).name(), TaskState.QUEUED,
                    null, null, predecessorIds, List.of(), null, null));
        }
        return records;
    }
}
