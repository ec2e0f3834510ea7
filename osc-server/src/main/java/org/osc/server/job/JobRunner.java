package org.osc.server.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one job on a pool thread: its tasks one after another in graph order, which always satisfies the
 * dependencies. Running a job's tasks on its one thread keeps "pool size" equal to "jobs running at once" and
 * means a job never waits for a thread it does not hold.
 */
final class JobRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final JobRun run;
    private final Clock clock;
    private final BooleanSupplier closing;
    private final Consumer<JobRun> onExit;

    /**
     * @param closing true once the engine is shutting down: no further task is started
     * @param onExit called last, whatever happened, to announce the job and release its lock key
     */
    JobRunner(JobRun run, Clock clock, BooleanSupplier closing, Consumer<JobRun> onExit) {
        this.run = run;
        this.clock = clock;
        this.closing = closing;
        this.onExit = onExit;
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

    private void runTasks() {
        List<JobGraph.Node> nodes = run.nodes();
        // for each task that did not pass: the name of the failed task it comes down to (itself if it failed)
        String[] rootFailure = new String[nodes.size()];
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (closing.getAsBoolean()) {
                if (run.abort(Reasons.SHUTDOWN, clock.instant())) {
                    LOG.info("Job {} '{}' aborted: {}", run.id(), run.name(), Reasons.SHUTDOWN);
                }
                return;
            }
            String blocker = failedPredecessor(nodes.get(i), rootFailure);
            boolean written;
            if (blocker != null) {
                rootFailure[i] = blocker;
                written = run.updateTask(i,
                        t -> t.completed(TaskStatus.SKIPPED, Reasons.skipped(blocker), t.objects(), clock.instant()));
            } else {
                written = runTask(i);
                if (run.task(i).status() == TaskStatus.FAILED) {
                    rootFailure[i] = nodes.get(i).name();
                    failed.add(i);
                }
            }
            if (!written) {
                return; // aborted meanwhile: the abort has already written everything
            }
        }
        finish(failed);
    }

    private static String failedPredecessor(JobGraph.Node node, String[] rootFailure) {
        for (int predecessor : node.predecessors()) {
            if (rootFailure[predecessor] != null) {
                return rootFailure[predecessor];
            }
        }
        return null;
    }

    private boolean runTask(int index) {
        String taskName = run.nodes().get(index).name();
        if (!run.updateTask(index, t -> t.running(clock.instant()))) {
            return false;
        }
        RunningTaskContext context = new RunningTaskContext(run.id(), taskName);
        Throwable failure = null;
        try {
            run.nodes().get(index).task().execute(context);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable e) {
            // Errors too: one broken plugin call must not take the pool (or the server) down
            failure = e;
            if (run.isFinished()) {
                // interrupted by shutdown after the abort was recorded: expected, not worth a stack trace
                LOG.info("Job {} task '{}' ended after the job was aborted: {}", run.id(), taskName, Reasons.of(e));
            } else {
                LOG.warn("Job {} task '{}' failed", run.id(), taskName, e);
            }
        }
        TaskStatus status = failure == null ? TaskStatus.PASSED : TaskStatus.FAILED;
        String reason = failure == null ? null : Reasons.of(failure);
        List<ObjectRef> objects = context.objects();
        return run.updateTask(index, t -> t.completed(status, reason, objects, clock.instant()));
    }

    private void finish(List<Integer> failed) {
        boolean passed = failed.isEmpty();
        String reason = null;
        if (!passed) {
            TaskRecord first = run.task(failed.get(0));
            reason = Reasons.jobFailed(first.name(), first.failureReason(), failed.size() - 1);
        }
        if (run.complete(passed ? JobStatus.PASSED : JobStatus.FAILED, reason, clock.instant())) {
            if (passed) {
                LOG.info("Job {} '{}' completed: PASSED", run.id(), run.name());
            } else {
                LOG.info("Job {} '{}' completed: FAILED ({})", run.id(), run.name(), reason);
            }
        }
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
