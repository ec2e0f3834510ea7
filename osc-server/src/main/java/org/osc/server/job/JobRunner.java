package org.osc.server.job;

import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one job on one thread (a pool thread, or the reconcile worker that runs it): its tasks one after
 * another, stopping at the first that fails. Running a job's tasks on its one thread keeps "threads" equal to
 * "jobs running at once", and a job never waits for a thread it does not hold.
 */
final class JobRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final JobRun run;
    private final Clock clock;
    private final TaskDeadlines deadlines;
    private final BooleanSupplier closing;
    private final Consumer<JobRun> onExit;
    private final Function<List<Throwable>, String> failureNote;

    /**
     * @param deadlines the time limit of each task
     * @param closing true once the engine is shutting down: no further task is started
     * @param onExit called last, whatever happened, to announce the job
     * @param failureNote given what the failed tasks threw, a sentence appended to a failed job's reason (what
     *     happens next), or null for none; called once, before the job's end is written
     */
    JobRunner(JobRun run, Clock clock, TaskDeadlines deadlines, BooleanSupplier closing, Consumer<JobRun> onExit,
            Function<List<Throwable>, String> failureNote) {
        this.run = run;
        this.clock = clock;
        this.deadlines = deadlines;
        this.closing = closing;
        this.onExit = onExit;
        this.failureNote = failureNote;
    }

    @Override
    public void run() {
        Throwable engineError = null;
        try {
            if (closing.getAsBoolean()) {
                run.abort(Reasons.SHUTDOWN, clock.instant());
            } else if (run.start(clock.instant())) {
                LOG.info("Job {} '{}' started", run.id(), run.name());
                runTasks();
            }
        } catch (Throwable e) {
            // a store failure, or an OutOfMemoryError from a task: the job cannot be trusted to go on
            engineError = e;
            LOG.error("Job {} '{}' stopped by an internal error", run.id(), run.name(), e);
        } finally {
            settle(engineError);
            // a task may leave the interrupt flag set; the next job on this thread must not inherit it
            Thread.interrupted();
            onExit.accept(run);
        }
        if (engineError instanceof OutOfMemoryError oom) {
            throw oom;
        }
    }

    /**
     * Runs the tasks from the first (which {@link JobRun#start} marked RUNNING) in order. After each task one step
     * is applied: its completion, and either the next task's start, or, after a failure or the last task, the
     * skip of every task left and the job's completion (see {@link JobRun} for when a step reaches the store).
     */
    private void runTasks() {
        List<JobGraph.Node> nodes = run.nodes();
        int current = 0;
        while (current < nodes.size()) {
            JobRun.Step step = new JobRun.Step();
            Failure failure = runTask(current, step);
            int next = current + 1;
            if (failure != null) {
                for (int skipped = next; skipped < nodes.size(); skipped++) {
                    step.task(skipped, t -> t.completed(TaskStatus.SKIPPED, Reasons.skipped(failure.task()),
                            t.objects(), clock.instant()));
                }
                next = nodes.size();
            }
            boolean last = next == nodes.size();
            if (!last && closing.getAsBoolean()) {
                // shutting down: the task that ran is recorded, no further one starts
                if (run.apply(step) && run.abort(Reasons.SHUTDOWN, clock.instant())) {
                    LOG.info("Job {} '{}' aborted: {}", run.id(), run.name(), Reasons.SHUTDOWN);
                }
                return;
            }
            if (last) {
                step.job(completion(failure));
            } else {
                step.task(next, t -> t.running(clock.instant()));
            }
            if (!run.apply(step)) {
                return; // aborted meanwhile: the abort has already written everything
            }
            if (last) {
                logCompletion();
            }
            current = next;
        }
        if (nodes.isEmpty() && run.apply(new JobRun.Step().job(completion(null)))) {
            logCompletion();
        }
    }

    /**
     * Executes the task (already RUNNING) and adds its completion to the step.
     *
     * @return its failure, or {@code null} if it passed
     */
    private Failure runTask(int index, JobRun.Step step) {
        String taskName = run.nodes().get(index).name();
        RunningTaskContext context = new RunningTaskContext(run.id(), taskName, run::requeueAfter);
        Throwable failure = null;
        TaskDeadlines.Deadline deadline = deadlines.start(run.id(), taskName);
        boolean timedOut;
        try {
            run.nodes().get(index).task().execute(context);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable e) {
            // Errors too: one broken plugin call must not take the pool (or the server) down
            failure = e;
        } finally {
            timedOut = deadline.stop();
        }
        String reason = null;
        if (failure != null) {
            reason = timedOut ? Reasons.timedOut(deadlines.timeout(), failure) : Reasons.of(failure);
            if (run.isFinished()) {
                // interrupted by shutdown after the abort was recorded: expected, not worth a stack trace
                LOG.info("Job {} task '{}' ended after the job was aborted: {}", run.id(), taskName, reason);
            } else if (timedOut) {
                LOG.warn("Job {} task '{}' failed: {}", run.id(), taskName, reason);
            } else {
                LOG.warn("Job {} task '{}' failed", run.id(), taskName, failure);
            }
        }
        TaskStatus status = failure == null ? TaskStatus.PASSED : TaskStatus.FAILED;
        List<ObjectRef> objects = context.objects();
        String stored = reason;
        step.task(index, t -> t.completed(status, stored, objects, clock.instant()));
        return failure == null ? null : new Failure(taskName, reason, failure);
    }

    /** The job's final transition: PASSED, or FAILED naming the failed task, its reason and what follows. */
    private UnaryOperator<JobRecord> completion(Failure failure) {
        if (failure == null) {
            return j -> j.completed(JobStatus.PASSED, null, clock.instant());
        }
        List<Throwable> thrown = List.of(failure.thrown());
        run.failures(thrown);
        String note = failureNote == null ? null : failureNote.apply(thrown);
        String reason = Reasons.jobFailed(failure.task(), failure.reason(), note);
        return j -> j.completed(JobStatus.FAILED, reason, clock.instant());
    }

    private void logCompletion() {
        JobRecord job = run.job();
        if (job.status() == JobStatus.PASSED) {
            LOG.info("Job {} '{}' completed: PASSED", job.id(), job.name());
        } else {
            LOG.info("Job {} '{}' completed: {} ({})", job.id(), job.name(), job.status(), job.failureReason());
        }
    }

    /** A task that failed, with its stored reason and what it threw. */
    private record Failure(String task, String reason, Throwable thrown) {
    }

    /** Makes sure the job ends COMPLETED even when the engine itself failed half way. */
    private void settle(Throwable engineError) {
        if (run.isFinished()) {
            return;
        }
        // the class name matters here (OutOfMemoryError, a store exception), the message may not say it
        String reason = "Job stopped by an internal error: " + (engineError == null ? "unknown"
                : engineError.getClass().getSimpleName() + ": " + Reasons.of(engineError));
        try {
            run.abort(Reasons.truncate(reason), clock.instant());
        } catch (RuntimeException e) {
            LOG.error("Job {} could not be marked aborted; the next start will do it", run.id(), e);
        }
    }
}
