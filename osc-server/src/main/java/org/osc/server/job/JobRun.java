package org.osc.server.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The live state of one submitted job: its latest records and the guarded path by which they reach the store.
 *
 * <p>Two threads may write: the pool thread running the job, and {@link JobEngine#close} aborting it. Every
 * write holds this object's monitor and is refused once the job is finished, so an abort can never be
 * overwritten by a task that finishes (or fails on interrupt) afterwards.
 */
final class JobRun {

    private final JobStore store;
    private final List<JobGraph.Node> nodes;
    private final ObjectRef lockKey;
    private final CompletableFuture<JobRecord> done = new CompletableFuture<>();
    private final AtomicBoolean announced = new AtomicBoolean();
    // guarded by this
    private JobRecord job;
    private final TaskRecord[] tasks;
    private boolean started;
    private boolean finished;

    JobRun(JobStore store, JobGraph graph, ObjectRef lockKey, JobRecord job, List<TaskRecord> tasks) {
        this.store = store;
        this.nodes = List.copyOf(graph.tasks());
        this.lockKey = lockKey;
        this.job = job;
        this.tasks = tasks.toArray(new TaskRecord[0]);
    }

    long id() {
        return job.id();
    }

    String name() {
        return job.name();
    }

    ObjectRef lockKey() {
        return lockKey;
    }

    List<JobGraph.Node> nodes() {
        return nodes;
    }

    CompletableFuture<JobRecord> done() {
        return done;
    }

    /** True for the one caller that gets to tell listeners and waiters about the finished job. */
    boolean claimAnnouncement() {
        return announced.compareAndSet(false, true);
    }

    synchronized JobRecord job() {
        return job;
    }

    synchronized TaskRecord task(int index) {
        return tasks[index];
    }

    synchronized boolean isFinished() {
        return finished;
    }

    /** Still waiting to run, so a new request for the same key can be folded into it. */
    synchronized boolean isQueued() {
        return !started && !finished;
    }

    /** Moves the job to RUNNING and its tasks to PENDING; false if it was aborted before it could start. */
    synchronized boolean start(Instant now) {
        if (finished) {
            return false;
        }
        started = true;
        job = job.running(now);
        store.updateJob(job);
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = tasks[i].pending();
            store.updateTask(tasks[i]);
        }
        return true;
    }

    /**
     * Applies a task transition and writes it (and the job's completed-task count when the task completes).
     *
     * @return false if the job was already finished (aborted), in which case nothing was written
     */
    synchronized boolean updateTask(int index, UnaryOperator<TaskRecord> transition) {
        if (finished) {
            return false;
        }
        tasks[index] = transition.apply(tasks[index]);
        store.updateTask(tasks[index]);
        if (tasks[index].isDone()) {
            job = job.withTaskCompleted(job.taskCompleted() + 1);
            store.updateJob(job);
        }
        return true;
    }

    /** Writes the job's final record; false if it was already finished. */
    synchronized boolean complete(JobStatus status, String reason, Instant now) {
        if (finished) {
            return false;
        }
        finished = true;
        job = job.completed(status, reason, now);
        store.updateJob(job);
        return true;
    }

    /**
     * Aborts every unfinished task, then the job; false if the job was already finished. The run counts as
     * finished even if a write fails, so that nothing written afterwards can contradict the abort.
     */
    synchronized boolean abort(String reason, Instant now) {
        if (finished) {
            return false;
        }
        finished = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (int i = 0; i < tasks.length; i++) {
            if (!tasks[i].isDone()) {
                tasks[i] = tasks[i].aborted(reason, now);
                write(tasks[i], failures);
            }
        }
        job = job.aborted(reason, now);
        store.updateJob(job);
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return true;
    }

    /** Aborts the job only if it has not started: what shutdown does to everything still queued. */
    synchronized boolean abortIfQueued(String reason, Instant now) {
        return !started && abort(reason, now);
    }

    private void write(TaskRecord task, List<RuntimeException> failures) {
        try {
            store.updateTask(task);
        } catch (RuntimeException e) {
            // keep going: the job row matters most, it is what the UI and the next start look at
            failures.add(e);
        }
    }
}
