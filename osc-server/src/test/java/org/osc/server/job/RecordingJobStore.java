package org.osc.server.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link InMemoryJobStore} that also keeps every job and task snapshot written to it, in order, and counts the
 * writes (each call that writes is one transaction of a real store).
 */
final class RecordingJobStore implements JobStore {

    private final InMemoryJobStore delegate = new InMemoryJobStore();
    private final List<JobRecord> jobWrites = new ArrayList<>();
    private final List<TaskRecord> taskWrites = new ArrayList<>();
    private final Map<Long, Integer> transactions = new HashMap<>();

    /** How many writes (create included) concerned this job. */
    synchronized int transactions(long jobId) {
        return transactions.getOrDefault(jobId, 0);
    }

    synchronized List<JobRecord> jobWrites(long jobId) {
        return jobWrites.stream().filter(j -> j.id() == jobId).toList();
    }

    synchronized List<TaskRecord> taskWrites(long taskId) {
        return taskWrites.stream().filter(t -> t.id() == taskId).toList();
    }

    @Override
    public synchronized JobIds create(NewJob job) {
        JobIds ids = delegate.create(job);
        transactions.merge(ids.jobId(), 1, Integer::sum);
        jobWrites.add(delegate.findJob(ids.jobId()).orElseThrow());
        taskWrites.addAll(delegate.tasks(ids.jobId()));
        return ids;
    }

    @Override
    public synchronized void update(JobRecord job, List<TaskRecord> tasks) {
        delegate.update(job, tasks);
        transactions.merge(job.id(), 1, Integer::sum);
        jobWrites.add(delegate.findJob(job.id()).orElseThrow());
        for (TaskRecord task : tasks) {
            taskWrites.add(delegate.tasks(task.jobId()).stream().filter(t -> t.id() == task.id()).findFirst()
                    .orElseThrow());
        }
    }

    @Override
    public Optional<JobRecord> findJob(long jobId) {
        return delegate.findJob(jobId);
    }

    @Override
    public List<JobRecord> listJobs(JobState state, int limit) {
        return delegate.listJobs(state, limit);
    }

    @Override
    public List<TaskRecord> tasks(long jobId) {
        return delegate.tasks(jobId);
    }

    @Override
    public int abortRunning(String reason) {
        return delegate.abortRunning(reason);
    }

    @Override
    public Optional<JobRecord> lastJobFor(ObjectRef object) {
        return delegate.lastJobFor(object);
    }
}
