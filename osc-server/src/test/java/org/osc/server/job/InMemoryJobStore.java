package org.osc.server.job;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A thread-safe {@link JobStore} in memory, for tests (of this package and others) and for running without a
 * database. Every method holds the store's monitor, which makes each one atomic, like a transaction would.
 */
public final class InMemoryJobStore implements JobStore {

    private final Clock clock;
    // guarded by this; a TreeMap so that "newest first" is simply the descending key order
    private final TreeMap<Long, JobRecord> jobs = new TreeMap<>();
    private final Map<Long, TaskRecord> tasks = new HashMap<>();
    private final Map<Long, List<Long>> taskIdsByJob = new HashMap<>();
    /** The epoch of each job's runner (its identity is in the record). */
    private final Map<Long, Long> epochs = new HashMap<>();
    private long nextJobId = 1;
    private long nextTaskId = 1;

    /** A store stamping aborts with the system clock. */
    public InMemoryJobStore() {
        this(Clock.systemUTC());
    }

    /** A store stamping aborts with the given clock. */
    public InMemoryJobStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized long create(NewJob job) {
        long jobId = nextJobId++;
        jobs.put(jobId, job.toRecord(jobId));
        epochs.put(jobId, job.runner().epoch());
        taskIdsByJob.put(jobId, new ArrayList<>());
        return jobId;
    }

    @Override
    public synchronized List<TaskRecord> update(Runner runner, JobRecord job, List<TaskRecord> changed) {
        JobRecord old = jobs.get(job.id());
        if (old == null) {
            throw new NoSuchElementException("No job " + job.id());
        }
        if (!runner.owns(old.runner(), epochs.get(job.id()))) {
            throw new JobTakenOverException(job.id(), old.runner());
        }
        for (TaskRecord task : changed) {
            if (task.id() != 0 && (!tasks.containsKey(task.id()) || tasks.get(task.id()).jobId() != job.id())) {
                throw new NoSuchElementException("No task " + task.id() + " in job " + job.id());
            }
        }
        // Only the mutable fields change, as the JobStore contract says (a database row would behave the same).
        jobs.put(old.id(), new JobRecord(old.id(), old.name(), job.state(), job.status(), job.failureReason(),
                old.queued(), job.started(), job.completed(), job.taskCount(), job.taskCompleted(), old.objects(),
                old.startedBy(), old.runner()));
        List<Long> ids = taskIdsByJob.get(job.id());
        List<TaskRecord> stored = new ArrayList<>(changed.size());
        for (TaskRecord task : changed) {
            TaskRecord next;
            if (task.id() == 0) {
                List<Long> predecessor = task.position() == 0 ? List.of() : List.of(ids.get(task.position() - 1));
                next = new TaskRecord(nextTaskId++, job.id(), task.position(), task.name(), task.state(),
                        task.status(), task.failureReason(), predecessor, task.objects(), task.started(),
                        task.completed());
                ids.add(next.id());
            } else {
                TaskRecord before = tasks.get(task.id());
                next = new TaskRecord(before.id(), before.jobId(), before.position(), before.name(), task.state(),
                        task.status(), task.failureReason(), before.predecessorIds(), task.objects(), task.started(),
                        task.completed());
            }
            tasks.put(next.id(), next);
            stored.add(next);
        }
        return stored;
    }

    @Override
    public synchronized Optional<JobRecord> claim(long jobId, Runner runner) {
        JobRecord job = jobs.get(jobId);
        if (job == null || job.state() != JobState.QUEUED || !runner.mayTakeOver(epochs.get(jobId))) {
            return Optional.empty();
        }
        return Optional.of(takeOver(job, runner));
    }

    @Override
    public synchronized Optional<JobRecord> endAbandoned(long jobId, Runner runner, String reason, Instant now) {
        JobRecord job = jobs.get(jobId);
        if (job == null || job.isDone() || !runner.mayTakeOver(epochs.get(jobId))) {
            return Optional.empty();
        }
        JobRecord ended = takeOver(job, runner).aborted(reason, now);
        jobs.put(jobId, ended);
        for (long taskId : taskIdsByJob.get(jobId)) {
            tasks.put(taskId, tasks.get(taskId).aborted(reason, now));
        }
        return Optional.of(ended);
    }

    /** @return the job, its row naming the runner from now on */
    private JobRecord takeOver(JobRecord job, Runner runner) {
        JobRecord taken = new JobRecord(job.id(), job.name(), job.state(), job.status(), job.failureReason(),
                job.queued(), job.started(), job.completed(), job.taskCount(), job.taskCompleted(), job.objects(),
                job.startedBy(), runner.identity());
        jobs.put(job.id(), taken);
        epochs.put(job.id(), runner.epoch());
        return taken;
    }

    @Override
    public synchronized Optional<JobRecord> findJob(long jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public synchronized List<JobRecord> listJobs(JobState state, int limit) {
        return jobs.descendingMap().values().stream()
                .filter(job -> state == null || job.state() == state)
                .limit(limit <= 0 ? Long.MAX_VALUE : limit)
                .toList();
    }

    @Override
    public synchronized List<TaskRecord> tasks(long jobId) {
        return taskIdsByJob.getOrDefault(jobId, List.of()).stream().map(tasks::get).toList();
    }

    @Override
    public synchronized int abortRunning(String reason) {
        Instant now = clock.instant();
        int aborted = 0;
        for (JobRecord job : List.copyOf(jobs.values())) {
            if (job.isDone()) {
                continue;
            }
            jobs.put(job.id(), job.aborted(reason, now));
            for (long taskId : taskIdsByJob.get(job.id())) {
                tasks.put(taskId, tasks.get(taskId).aborted(reason, now));
            }
            aborted++;
        }
        return aborted;
    }
}
