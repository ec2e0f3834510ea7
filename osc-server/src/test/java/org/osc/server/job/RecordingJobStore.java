package org.osc.server.job;

import java.time.Instant;
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
    public synchronized long create(NewJob job) {
        long id = delegate.create(job);
        transactions.merge(id, 1, Integer::sum);
        jobWrites.add(delegate.findJob(id).orElseThrow());
        return id;
    }

    @Override
    public synchronized List<TaskRecord> update(Runner runner, JobRecord job, List<TaskRecord> tasks) {
        List<TaskRecord> stored = delegate.update(runner, job, tasks);
        transactions.merge(job.id(), 1, Integer::sum);
        jobWrites.add(delegate.findJob(job.id()).orElseThrow());
        taskWrites.addAll(stored);
        return stored;
    }

    @Override
    public Optional<JobRecord> claim(long jobId, Runner runner) {
        return delegate.claim(jobId, runner);
    }

    @Override
    public Optional<JobRecord> endAbandoned(long jobId, Runner runner, String reason, Instant now) {
        return delegate.endAbandoned(jobId, runner, reason, now);
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
}
