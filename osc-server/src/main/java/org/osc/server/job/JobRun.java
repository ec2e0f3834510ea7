package org.osc.server.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osc.server.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state of one job: its latest records and the guarded path by which they reach the store.
 *
 * <p>Two threads may write: the thread running the job, and {@link JobEngine#close} aborting it. Every write
 * holds this object's monitor and is refused once the job is finished, so an abort can never be overwritten by a
 * task that finishes (or fails on interrupt) afterwards.
 *
 * <p>Progress (the job's start, a task's start and end) is applied here at once and written to the store at most
 * {@code progressDelay} later, together with whatever else happened meanwhile: a job that ends sooner costs two
 * writes (its creation and its end, which inserts its tasks) instead of one per step. The end of a job and an
 * abort are written at once, with the progress not yet written, in one transaction. A crash loses only progress
 * of running jobs, which the next start aborts anyway. When the store fails as the job ends (the database went
 * away), the job ends all the same and its end is written later ({@link #writeEnd()}, which the engine retries).
 *
 * <p>Every write names the run's {@link Runner}: when the store answers that another replica took the job over
 * ({@link JobTakenOverException}), the run is finished here at once, writes nothing more, and its body stops at
 * its next step; the store's rows are the new runner's.
 */
final class JobRun {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final JobStore store;
    private final Runner runner;
    private final ScheduledExecutorService timer;
    private final Duration progressDelay;
    private final CompletableFuture<JobRecord> done = new CompletableFuture<>();
    private final AtomicBoolean announced = new AtomicBoolean();
    // guarded by this
    private JobRecord job;
    private final List<TaskRecord> tasks = new ArrayList<>();
    private boolean started;
    private boolean finished;
    /** Applied but not yet written: whether the job record is, and which tasks. */
    private boolean jobUnwritten;
    private final SortedSet<Integer> unwrittenTasks = new TreeSet<>();
    private ScheduledFuture<?> progressWrite;
    /** The indexes of the tasks to write with the job's end, when that write failed; null when there is none. */
    private List<Integer> unwrittenEnd;
    /** The replica that took the job over, once the store said so ("" when the row names none); else null. */
    private String takenOverBy;

    /**
     * @param runner who runs it, as the store's row names it: every write is conditional on that
     * @param timer runs the delayed progress writes
     * @param progressDelay how long progress may wait to be written; zero writes every step at once
     * @param job the job as created
     */
    JobRun(JobStore store, Runner runner, ScheduledExecutorService timer, Duration progressDelay, JobRecord job) {
        this.store = store;
        this.runner = runner;
        this.timer = timer;
        this.progressDelay = progressDelay;
        this.job = job;
    }

    long id() {
        return job.id();
    }

    String name() {
        return job.name();
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

    synchronized List<TaskRecord> tasks() {
        return List.copyOf(tasks);
    }

    synchronized boolean isFinished() {
        return finished;
    }

    /**
     * Moves the job to RUNNING; progress, written within the progress delay.
     *
     * @return false if it was aborted before it could start, in which case nothing changed
     */
    synchronized boolean start(Instant now) {
        if (finished) {
            return false;
        }
        job = job.running(now);
        started = true;
        progress(-1);
        return !finished;
    }

    /**
     * Records that a task starts now, as the job's next one; progress.
     *
     * @return its index, or -1 if the job is finished (aborted), in which case nothing changed
     */
    synchronized int startTask(String name, Instant now) {
        if (finished) {
            return -1;
        }
        int index = tasks.size();
        tasks.add(TaskRecord.started(job.id(), index, name, now));
        job = job.withTasks(tasks.size(), job.taskCompleted());
        progress(index);
        return index;
    }

    /**
     * Records how a task ended; progress.
     *
     * @return false if the job is finished (aborted), in which case nothing changed
     */
    synchronized boolean completeTask(int index, TaskStatus status, String reason, List<ObjectRef> objects,
            Instant now) {
        if (finished) {
            return false;
        }
        tasks.set(index, tasks.get(index).completed(status, reason, objects, now));
        job = job.withTasks(tasks.size(), job.taskCompleted() + 1);
        progress(index);
        return true;
    }

    /**
     * Completes the job, written at once with any progress not written yet. When the store fails, the job is
     * complete all the same and its end is left for {@link #writeEnd()}.
     *
     * @return false if the job was already finished (aborted), in which case nothing changed
     */
    synchronized boolean complete(JobStatus status, String reason, Instant now) {
        if (finished) {
            return false;
        }
        write(job.completed(status, reason, now), new ArrayList<>(tasks), List.of());
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
        List<TaskRecord> next = new ArrayList<>(tasks);
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < next.size(); i++) {
            if (!next.get(i).isDone()) {
                next.set(i, next.get(i).aborted(reason, now));
                changed.add(i);
            }
        }
        // the job's count is taskCount after an abort
        write(job.aborted(reason, now), next, changed);
        return true;
    }

    /** Aborts the job only if it has not started: what shutdown does to everything still queued. */
    synchronized boolean abortIfQueued(String reason, Instant now) {
        return !started && abort(reason, now);
    }

    /** Marks the job (and the task at this index, if not -1) as applied but not written, and schedules a write. */
    private void progress(int taskIndex) {
        jobUnwritten = true;
        if (taskIndex >= 0) {
            unwrittenTasks.add(taskIndex);
        }
        if (progressDelay.isZero()) {
            writeProgress();
            return;
        }
        if (progressWrite == null) {
            try {
                progressWrite = timer.schedule(this::writeProgress, progressDelay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException engineClosed) {
                // a job thread left running past the engine's close: write now, there is no timer any more
                writeProgress();
            }
        }
    }

    /** The timer's write of progress; a failure is logged and the progress goes with the next write. */
    private synchronized void writeProgress() {
        progressWrite = null;
        if (finished || !jobUnwritten) {
            return;
        }
        try {
            List<Integer> indexes = List.copyOf(unwrittenTasks);
            stored(indexes, store.update(runner, job, indexes.stream().map(tasks::get).toList()));
            jobUnwritten = false;
            unwrittenTasks.clear();
        } catch (JobTakenOverException e) {
            takenOver(e);
        } catch (RuntimeException e) {
            LOG.warn("Job {}: its progress could not be written yet; it goes with its next write", job.id(), e);
        }
    }

    /**
     * Writes the job's final records with the progress not yet written, and only then makes them the state.
     *
     * @param changed indexes of the tasks that change with this write (besides the unwritten ones)
     */
    private void write(JobRecord nextJob, List<TaskRecord> nextTasks, List<Integer> changed) {
        SortedSet<Integer> written = new TreeSet<>(unwrittenTasks);
        written.addAll(changed);
        List<Integer> indexes = List.copyOf(written);
        List<TaskRecord> stored;
        try {
            stored = store.update(runner, nextJob, indexes.stream().map(nextTasks::get).toList());
        } catch (JobTakenOverException e) {
            takenOver(e);
            return;
        } catch (RuntimeException e) {
            if (!nextJob.isDone()) {
                throw e;
            }
            // The job has ended whatever the store says: its end is the state now, and is written by writeEnd()
            // once the store answers again (the engine retries it), instead of leaving the job RUNNING in the
            // store until the next start of the server.
            tasks.clear();
            tasks.addAll(nextTasks);
            job = nextJob;
            finished = true;
            unwrittenEnd = indexes;
            unwrittenTasks.clear();
            jobUnwritten = false;
            if (progressWrite != null) {
                progressWrite.cancel(false);
                progressWrite = null;
            }
            LOG.warn("Job {}: its end ({}) could not be written yet ({}); it is written when the database answers "
                    + "again", job.id(), job.status(), LogSafe.of(e.getMessage()));
            return;
        }
        tasks.clear();
        tasks.addAll(nextTasks);
        stored(indexes, stored);
        job = nextJob;
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

    /** @return whether the job's end is applied but not written yet (the store failed when it ended) */
    synchronized boolean hasUnwrittenEnd() {
        return unwrittenEnd != null;
    }

    /**
     * Writes the job's end that could not be written when it ended, if any.
     *
     * @throws RuntimeException when the store still fails; the end stays to be written
     */
    synchronized void writeEnd() {
        if (unwrittenEnd == null) {
            return;
        }
        // GAP: a commit whose answer was lost (the connection broke after the database committed) is written a
        // second time here, and the job's new tasks are then stored twice.
        try {
            stored(unwrittenEnd, store.update(runner, job, unwrittenEnd.stream().map(tasks::get).toList()));
        } catch (JobTakenOverException e) {
            takenOver(e);
        }
        unwrittenEnd = null;
    }

    /** @return the replica that took the job over ("" when unnamed), or null while the job is this run's */
    synchronized String takenOverBy() {
        return takenOverBy;
    }

    /**
     * The store refused a write: another replica took the job over. The run is finished here, keeps nothing to
     * write, and says so in one line; its record in memory is ABORTED with that reason (never written).
     */
    private void takenOver(JobTakenOverException e) {
        if (takenOverBy != null) {
            return;
        }
        takenOverBy = e.runner() == null ? "" : e.runner();
        finished = true;
        unwrittenEnd = null;
        unwrittenTasks.clear();
        jobUnwritten = false;
        if (progressWrite != null) {
            progressWrite.cancel(false);
            progressWrite = null;
        }
        String by = e.runner() == null ? "another replica" : e.runner();
        job = job.aborted(Reasons.takenOver(by), Instant.now());
        LOG.info("Job {} was taken over by {}; this replica stops running it", job.id(), LogSafe.of(by));
    }

    /** Takes the records as stored (new tasks now have their ids) for the tasks at these indexes. */
    private void stored(List<Integer> indexes, List<TaskRecord> stored) {
        if (stored.size() != indexes.size()) {
            throw new IllegalStateException("The job store returned " + stored.size() + " task(s) for "
                    + indexes.size());
        }
        for (int i = 0; i < indexes.size(); i++) {
            tasks.set(indexes.get(i), stored.get(i));
        }
    }
}
