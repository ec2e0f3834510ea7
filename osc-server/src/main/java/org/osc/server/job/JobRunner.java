package org.osc.server.job;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job's body on the calling thread (the reconcile worker that runs it) and records each step it takes
 * as a task. A job's steps run on its one thread, so "threads" equals "jobs running at once", and a job never
 * waits for a thread it does not hold.
 *
 * @param <R> what the body returns
 */
final class JobRunner<R> implements JobContext {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final JobRun run;
    private final JobBody<R> body;
    private final Clock clock;
    private final TaskDeadlines deadlines;
    private final BooleanSupplier closing;
    private final Function<Throwable, String> failureNote;
    /** The last step that failed: its name, stored reason and what it threw. */
    private Failure failedStep;

    /**
     * @param deadlines the time limit of each step
     * @param closing true once the engine is shutting down: no further step is started
     * @param failureNote given what failed the job, a sentence appended to its reason (what happens next), or
     *     null for none; called once, before the job's end is written
     */
    JobRunner(JobRun run, JobBody<R> body, Clock clock, TaskDeadlines deadlines, BooleanSupplier closing,
            Function<Throwable, String> failureNote) {
        this.run = run;
        this.body = body;
        this.clock = clock;
        this.deadlines = deadlines;
        this.closing = closing;
        this.failureNote = failureNote;
    }

    /**
     * Runs the job to its end: PASSED when the body returns, FAILED when it throws, ABORTED when the engine shuts
     * down first. An {@link OutOfMemoryError} is rethrown once the job is recorded.
     */
    JobOutcome<R> run() {
        Throwable engineError = null;
        Throwable failure = null;
        R value = null;
        try {
            if (closing.getAsBoolean()) {
                run.abort(Reasons.SHUTDOWN, clock.instant());
            } else if (run.start(clock.instant())) {
                LOG.info("Job {} '{}' started", run.id(), run.name());
                try {
                    value = body.run(this);
                } catch (JobAbortedException e) {
                    abort();
                } catch (OutOfMemoryError e) {
                    throw e;
                } catch (Throwable e) {
                    // Errors too: one broken plugin call must not take the worker (or the server) down
                    failure = e;
                }
                if (failure != null && Reasons.notLeader(failure)) {
                    abort(Reasons.NOT_LEADER); // fenced: the leader reconciles the object, nothing failed
                } else {
                    complete(failure);
                }
            }
        } catch (Throwable e) {
            // a store failure, or an OutOfMemoryError: the job cannot be trusted to go on
            engineError = e;
            LOG.error("Job {} '{}' stopped by an internal error", run.id(), run.name(), e);
        } finally {
            settle(engineError);
            // a step may leave the interrupt flag set; what the thread does next must not inherit it
            Thread.interrupted();
        }
        if (engineError instanceof OutOfMemoryError oom) {
            throw oom;
        }
        JobRecord job = run.job();
        return new JobOutcome<>(job, job.status() == JobStatus.FAILED ? failure : null,
                job.status() == JobStatus.PASSED ? value : null);
    }

    @Override
    public long jobId() {
        return run.id();
    }

    @Override
    public void step(String name, Task task) throws Exception {
        value(name, context -> {
            task.execute(context);
            return null;
        });
    }

    @Override
    public <T> T value(String name, ValueTask<T> task) throws Exception {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A step needs a name");
        }
        if (closing.getAsBoolean()) {
            throw new JobAbortedException(Reasons.SHUTDOWN);
        }
        int index = run.startTask(name, clock.instant());
        if (index < 0) {
            // aborted meanwhile, or taken over by another replica (the run has said so)
            String by = run.takenOverBy();
            throw new JobAbortedException(by == null ? Reasons.SHUTDOWN : Reasons.takenOver(by));
        }
        RunningTaskContext context = new RunningTaskContext(run.id(), name);
        TaskDeadlines.Deadline deadline = deadlines.start(run.id(), name);
        Throwable failure = null;
        T value = null;
        boolean timedOut;
        try {
            value = task.execute(context);
        } catch (OutOfMemoryError e) {
            throw e; // the job is aborted with everything it started: nothing it records can be trusted
        } catch (Throwable e) {
            failure = e;
        } finally {
            timedOut = deadline.stop();
        }
        if (failure == null) {
            run.completeTask(index, TaskStatus.PASSED, null, context.objects(), clock.instant());
            return value;
        }
        String reason = timedOut ? Reasons.timedOut(deadlines.timeout(), failure) : Reasons.of(failure);
        if (run.isFinished()) {
            // interrupted by shutdown after the abort was recorded: expected, not worth a stack trace
            LOG.info("Job {} task '{}' ended after the job was aborted: {}", run.id(), name, reason);
        } else if (Reasons.notLeader(failure)) {
            LOG.info("Job {} task '{}' fenced: {}", run.id(), name, reason);
        } else if (timedOut || failure instanceof JobAbortedException) {
            LOG.warn("Job {} task '{}' failed: {}", run.id(), name, reason);
        } else {
            LOG.warn("Job {} task '{}' failed", run.id(), name, failure);
        }
        run.completeTask(index, TaskStatus.FAILED, reason, context.objects(), clock.instant());
        failedStep = new Failure(name, reason, failure);
        throw rethrow(failure);
    }

    /** Lets a step's exception through unchanged: checked ones as declared, unchecked ones and errors as they are. */
    private static Exception rethrow(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (Exception) failure;
    }

    /** Writes the job's end: PASSED, or FAILED naming the failed step (when it was one), its reason, what follows. */
    private void complete(Throwable failure) {
        if (run.isFinished()) {
            return; // aborted meanwhile: the abort has written everything
        }
        if (failure == null) {
            if (run.complete(JobStatus.PASSED, null, clock.instant())) {
                LOG.info("Job {} '{}' completed: PASSED", run.id(), run.name());
            }
            return;
        }
        String note = failureNote == null ? null : failureNote.apply(failure);
        String reason = failedStep != null && failedStep.thrown() == failure
                ? Reasons.jobFailed(failedStep.task(), failedStep.reason(), note)
                : Reasons.jobFailed(null, Reasons.of(failure), note);
        if (run.complete(JobStatus.FAILED, reason, clock.instant())) {
            LOG.info("Job {} '{}' completed: FAILED ({})", run.id(), run.name(), reason);
        }
    }

    private void abort() {
        abort(Reasons.SHUTDOWN);
    }

    private void abort(String reason) {
        if (run.isFinished()) {
            return;
        }
        if (run.abort(reason, clock.instant())) {
            LOG.info("Job {} '{}' aborted: {}", run.id(), run.name(), reason);
        }
    }

    /** A step that failed, with its stored reason and what it threw. */
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
