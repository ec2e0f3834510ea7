package org.osc.server.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state of one submitted job: its latest records and the guarded path by which they reach the store.
 *
 * <p>Two threads may write: the pool thread running the job, and {@link JobEngine#close} aborting it. Every
 * write holds this object's monitor and is refused once the job is finished, so an abort can never be
 * overwritten by a task that finishes (or fails on interrupt) afterwards.
 *
 * <p>Progress (the start, a task's end and the next one's start) is applied here at once and written to the
 * store at most {@code progressDelay} later, together with whatever else happened meanwhile: a job that ends
 * sooner costs two writes (its creation and its end) instead of one per step. The end of a job and an abort are
 * written at once, with the progress not yet written, in one transaction. A crash loses only progress of running
 * jobs, which the next start aborts anyway.
 */
final class JobRun {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final JobStore store;
    private final ScheduledExecutorService timer;
    private final Duration progressDelay;
    private final List<JobGraph.Node> nodes;
    private final CompletableFuture<JobRecord> done = new CompletableFuture<>();
    private final AtomicBoolean announced = new AtomicBoolean();
    // guarded by this
    private JobRecord job;
    private final TaskRecord[] tasks;
    private boolean started;
    private boolean finished;
    /** Applied but not yet written: whether the job record is, and which tasks. */
    private boolean jobUnwritten;
    private final SortedSet<Integer> unwrittenTasks = new TreeSet<>();
    private ScheduledFuture<?> progressWrite;
    private Duration requeueAfter;
    private List<Throwable> failures = List.of();

    /**
     * @param timer runs the delayed progress writes
     * @param progressDelay how long progress may wait to be written; zero writes every step at once
     */
    JobRun(JobStore store, ScheduledExecutorService timer, Duration progressDelay, JobGraph graph, JobRecord job,
            List<TaskRecord> tasks) {
        this.store = store;
        this.timer = timer;
        this.progressDelay = progressDelay;
        this.nodes = List.copyOf(graph.tasks());
        this.job = job;
        this.tasks = tasks.toArray(new TaskRecord[0]);
    }

    long id() {
        return job.id();
    }

    String name() {
        return job.name();
    }

    /** Records a task's request for another run of the job's object (the shortest wins). */
    synchronized void requeueAfter(Duration delay) {
        if (requeueAfter == null || delay.compareTo(requeueAfter) < 0) {
            requeueAfter = delay;
        }
    }

    /** @return the shortest requeue delay a task asked for, or null */
    synchronized Duration requeueAfter() {
        return requeueAfter;
    }

    /** Records what the failed tasks threw, for the caller to tell transient from terminal failures. */
    synchronized void failures(List<Throwable> thrown) {
        failures = List.copyOf(thrown);
    }

    /** @return what the failed tasks threw, in task order; empty when none failed */
    synchronized List<Throwable> failures() {
        return failures;
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

    /**
     * Moves the job to RUNNING, its tasks to PENDING and its first task to RUNNING (the first task of the chain
     * has no predecessors, so it always runs); progress, written within the progress delay.
     *
     * @return false if it was aborted before it could start, in which case nothing changed
     */
    synchronized boolean start(Instant now) {
        if (finished) {
            return false;
        }
        Step step = new Step();
        for (int i = 0; i < tasks.length; i++) {
            step.task(i, i == 0 ? t -> t.pending().running(now) : TaskRecord::pending);
        }
        apply(step.job(j -> j.running(now)));
        started = true;
        return true;
    }

    /**
     * Applies one step: its task transitions in index order (a task that completes counts on the job), then its
     * job transition. A step that completes the job is written at once, with any progress not yet written, and
     * finishes the run; other steps are progress.
     *
     * @return false if the job was already finished (aborted), in which case nothing changed
     */
    synchronized boolean apply(Step step) {
        if (finished) {
            return false;
        }
        Next next = next(step);
        if (progressDelay.isZero() || next.job().isDone()) {
            write(next);
            return true;
        }
        // progress: in memory now, in the store with the next write
        System.arraycopy(next.tasks(), 0, tasks, 0, tasks.length);
        job = next.job();
        jobUnwritten = true;
        unwrittenTasks.addAll(next.changed());
        if (progressWrite == null) {
            try {
                progressWrite = timer.schedule(this::writeProgress, progressDelay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException engineClosed) {
                // a job thread left running past the engine's close: write now, there is no timer any more
                writeProgress();
            }
        }
        return true;
    }

    /**
     * Aborts every unfinished task, then the job, in one write; false if the job was already finished. The run
     * counts as finished even if the write fails, so that nothing written afterwards can contradict the abort.
     */
    synchronized boolean abort(String reason, Instant now) {
        if (finished) {
            return false;
        }
        finished = true;
        Step step = new Step();
        for (int i = 0; i < tasks.length; i++) {
            if (!tasks[i].isDone()) {
                step.task(i, t -> t.aborted(reason, now));
            }
        }
        // the job's count is taskCount after an abort; the task completions counted on the way do not matter
        write(next(step.job(j -> j.aborted(reason, now))));
        return true;
    }

    /** Aborts the job only if it has not started: what shutdown does to everything still queued. */
    synchronized boolean abortIfQueued(String reason, Instant now) {
        return !started && abort(reason, now);
    }

    /** The timer's write of progress; a failure is logged and the progress goes with the next write. */
    private synchronized void writeProgress() {
        progressWrite = null;
        if (finished || !jobUnwritten) {
            return;
        }
        try {
            store.update(job, unwrittenTasks.stream().map(i -> tasks[i]).toList());
            jobUnwritten = false;
            unwrittenTasks.clear();
        } catch (RuntimeException e) {
            LOG.warn("Job {}: its progress could not be written yet; it goes with its next write", job.id(), e);
        }
    }

    /** Writes the records after a step with the progress not yet written, and only then makes them the state. */
    private void write(Next next) {
        SortedSet<Integer> written = new TreeSet<>(unwrittenTasks);
        written.addAll(next.changed());
        store.update(next.job(), written.stream().map(i -> next.tasks()[i]).toList());
        System.arraycopy(next.tasks(), 0, tasks, 0, tasks.length);
        job = next.job();
        jobUnwritten = false;
        unwrittenTasks.clear();
        if (progressWrite != null) {
            progressWrite.cancel(false);
            progressWrite = null;
        }
        if (job.isDone()) {
            finished = true;
        }
    }

    /** The records after the step, from the run's state; nothing is changed. */
    private Next next(Step step) {
        TaskRecord[] next = tasks.clone();
        JobRecord nextJob = job;
        List<Integer> changed = new ArrayList<>(step.tasks.size());
        for (Map.Entry<Integer, UnaryOperator<TaskRecord>> change : step.tasks.entrySet()) {
            int index = change.getKey();
            TaskRecord after = change.getValue().apply(next[index]);
            if (!next[index].isDone() && after.isDone()) {
                nextJob = nextJob.withTaskCompleted(nextJob.taskCompleted() + 1);
            }
            next[index] = after;
            changed.add(index);
        }
        return new Next(step.job.apply(nextJob), next, changed);
    }

    /** Records after a step, and the tasks it changed. */
    private record Next(JobRecord job, TaskRecord[] tasks, List<Integer> changed) {
    }

    /** Transitions of one job that are written together: what happens between two tasks is one step. */
    static final class Step {

        private final SortedMap<Integer, UnaryOperator<TaskRecord>> tasks = new TreeMap<>();
        private UnaryOperator<JobRecord> job = UnaryOperator.identity();

        /** Adds the transition of the task at this index (after any added before for it). */
        Step task(int index, UnaryOperator<TaskRecord> transition) {
            tasks.merge(index, transition, (first, then) -> t -> then.apply(first.apply(t)));
            return this;
        }

        /** Sets the job's own transition, applied after the tasks' (and their completed-task count). */
        Step job(UnaryOperator<JobRecord> transition) {
            this.job = transition;
            return this;
        }
    }
}
