package org.osc.server.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs and tasks are persisted. The {@link JobEngine} writes a job when it is created and when it ends
 * before it tells anyone, and its progress in between a little later (at most {@link JobEngine#PROGRESS_DELAY});
 * what a crash leaves behind is what was committed, and the next start closes it: {@link #abortRunning(String)}
 * for an engine of its own ({@link JobEngine#start()}); in the server the leader takes it over instead (runs what
 * was QUEUED, ends what was RUNNING: {@link JobEngine#adopt}, {@link JobEngine#endAbandoned}).
 * Implementations must be thread-safe: jobs run on several threads at once.
 *
 * <p>Records are immutable snapshots. An update replaces only the fields that change after creation (named on
 * each method); the others are fixed when the job or task is first written and an update leaves them as they
 * are.
 */
public interface JobStore {

    /**
     * Persists a new job in state QUEUED, without tasks (see {@link NewJob#toRecord(long)} for the exact record),
     * its row naming {@link NewJob#runner()} (identity and epoch).
     *
     * @return the job's id
     */
    long create(NewJob job);

    /**
     * Writes what changed of a running job in one transaction, if its row still names the runner: replaces the
     * job's state, status, failureReason, started, completed, taskCount and taskCompleted; inserts each given task
     * whose id is 0 (a task that started since the last write) at its position, with the task stored at the
     * position before as its predecessor; and replaces each other given task's state, status, failureReason,
     * objects, started and completed. Either all of it is committed or none of it, so a crash never leaves a job
     * whose counts disagree with its tasks. The engine writes a job's progress this way, several steps at a time,
     * and its end with the progress not written yet: a job quicker than the progress delay costs two transactions
     * in all.
     *
     * <p>Fencing: the write is a compare-and-set on the job's row (its runner's identity and epoch, as
     * {@link Runner#owns} compares them), checked and written in one statement that holds the row until the
     * transaction ends; a row another replica took over ({@link #claim}, {@link #endAbandoned}) is left as it is,
     * and so are its tasks.
     *
     * @param runner the run's runner, as it claimed the job ({@link #create} or {@link #claim})
     * @param tasks tasks of this job, possibly none, in position order
     * @return the given tasks as stored (inserted ones with their ids and predecessor), in the same order
     * @throws java.util.NoSuchElementException if there is no such job, or a task with an id that is not one of
     *     the job's (nothing is written then)
     * @throws JobTakenOverException if the job's row names another runner (nothing is written then)
     */
    List<TaskRecord> update(Runner runner, JobRecord job, List<TaskRecord> tasks);

    /**
     * Takes a QUEUED job over for a runner to run it (a job another replica stored, or the previous leader
     * adopted and did not start), in one statement: the row is taken only if it is still QUEUED and the runner may
     * take it from the runner it names ({@link Runner#mayTakeOver}), so of two replicas adopting one job, at most
     * the one leading in the newest term runs it (the other's writes are refused from then on).
     *
     * @return the job as stored now, naming the runner; empty if it is not QUEUED any more, or a runner of a newer
     *     term holds it, or there is no such job
     */
    Optional<JobRecord> claim(long jobId, Runner runner);

    /**
     * Ends a job another runner left open and will never finish (its replica died or lost the lead), in one
     * transaction that takes its row first: if it is still QUEUED or RUNNING and the runner may take it over
     * ({@link Runner#mayTakeOver}), it becomes COMPLETED / ABORTED with the reason, a completion time and
     * taskCompleted = taskCount, every task of it not yet COMPLETED likewise, and its row names the runner, so
     * that no write of the run that left it lands afterwards.
     *
     * @return the job as ended; empty if it is done already, or a runner of a newer term holds it, or there is no
     *     such job (nothing changed then)
     */
    Optional<JobRecord> endAbandoned(long jobId, Runner runner, String reason, Instant now);

    /** The job with this id, if any. */
    Optional<JobRecord> findJob(long jobId);

    /**
     * Jobs, newest (highest id) first.
     *
     * @param state only jobs in this state; {@code null} for all
     * @param limit at most this many; zero or less for no limit
     */
    List<JobRecord> listJobs(JobState state, int limit);

    /** The tasks of a job in the order they started; empty for an unknown job. */
    List<TaskRecord> tasks(long jobId);

    /**
     * Closes whatever a previous run of the server left unfinished: every job in state QUEUED or RUNNING becomes
     * COMPLETED / ABORTED with this failure reason, a completion time and taskCompleted = taskCount; each of its
     * tasks not yet COMPLETED becomes COMPLETED / ABORTED with the same reason (completed tasks keep their
     * outcome).
     *
     * @return the number of jobs aborted
     */
    int abortRunning(String reason);
}
