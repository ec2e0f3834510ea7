package org.osc.server.job;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs: persists each submitted {@link JobGraph} through a {@link JobStore} and executes it on a bounded
 * pool (jobs queue when every thread is busy). A job's creation and its end are written before anyone is told;
 * its progress in between at most {@link #PROGRESS_DELAY} later (see {@link JobRun}).
 *
 * <p>A job's tasks run one at a time on the job's thread, in order: a task that throws fails the job and the
 * tasks after it are skipped. A task that outlives the task timeout is interrupted and fails as timed out (see
 * {@link TaskDeadlines}).
 *
 * <p>Two ways in: {@link #submit} runs a job on the engine's pool; {@link #prepare} stores a job as QUEUED and
 * {@link #run} later runs it on the caller's thread, which is how the reconcile loop's workers run reconciles
 * (the loop, not the engine, makes sure two jobs of one object never overlap).
 *
 * <p>Life cycle: construct, {@link #start()} (which aborts what a previous run left unfinished), submit,
 * {@link #close()}.
 */
public final class JobEngine implements AutoCloseable {

    /** Threads in the pool, hence jobs running at once, unless configured otherwise. */
    public static final int DEFAULT_POOL_SIZE = 4;
    /** How long a task may run before it is interrupted and fails, unless configured otherwise. */
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofMinutes(10);
    /** How long a running job's progress may wait to be written to the store (see {@link JobRun}). */
    public static final Duration PROGRESS_DELAY = Duration.ofMillis(200);
    /** How long {@link #close()} lets running tasks finish. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    /** After the grace period threads are interrupted; this is how long they get to unwind. */
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    private static final AtomicInteger ENGINES = new AtomicInteger();

    private enum Phase { NEW, OPEN, CLOSED }

    private final JobStore store;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    private final TaskDeadlines deadlines;
    private final ScheduledExecutorService timer;
    private final Duration progressDelay;
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.NEW);
    private final Map<Long, JobRun> live = new ConcurrentHashMap<>();
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();

    /** An engine with {@link #DEFAULT_POOL_SIZE} threads. */
    public JobEngine(JobStore store) {
        this(store, DEFAULT_POOL_SIZE);
    }

    /** An engine running at most {@code poolSize} jobs at once, each task for at most the default timeout. */
    public JobEngine(JobStore store, int poolSize) {
        this(store, poolSize, DEFAULT_TASK_TIMEOUT);
    }

    /**
     * An engine running at most {@code poolSize} jobs at once; a task running longer than {@code taskTimeout}
     * (zero: no limit) is interrupted and fails with a reason saying it timed out.
     */
    public JobEngine(JobStore store, int poolSize, Duration taskTimeout) {
        this(store, poolSize, taskTimeout, PROGRESS_DELAY, Clock.systemUTC());
    }

    /** @param progressDelay how long progress may wait to be written; zero writes every step at once */
    JobEngine(JobStore store, int poolSize, Duration taskTimeout, Duration progressDelay, Clock clock) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("Pool size must be at least 1, got " + poolSize);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        String prefix = "osc-job-" + ENGINES.incrementAndGet() + "-";
        this.pool = new ThreadPoolExecutor(poolSize, poolSize, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads(prefix));
        this.progressDelay = Objects.requireNonNull(progressDelay, "progressDelay");
        this.timer = Executors.newSingleThreadScheduledExecutor(threads(prefix + "timer-"));
        this.deadlines = new TaskDeadlines(Objects.requireNonNull(taskTimeout, "taskTimeout"), timer);
    }

    /**
     * Aborts every job a previous run of the server left QUEUED or RUNNING, then starts accepting jobs.
     *
     * @throws IllegalStateException if already started or closed
     */
    public synchronized void start() {
        if (phase.get() != Phase.NEW) {
            throw new IllegalStateException(phase.get() == Phase.OPEN
                    ? "The job engine has already been started" : "The job engine is shut down");
        }
        int aborted = store.abortRunning(Reasons.RESTARTED);
        if (aborted > 0) {
            LOG.warn("Aborted {} job(s) left unfinished by the previous run of the server", aborted);
        }
        phase.compareAndSet(Phase.NEW, Phase.OPEN);
    }

    /**
     * Persists the job (QUEUED) and queues it on the engine's pool; returns at once.
     *
     * @return the job's id
     * @throws IllegalStateException if the engine is not started or already closed
     */
    public long submit(JobGraph graph) {
        JobRun run = create(graph);
        try {
            pool.execute(runner(run, null));
        } catch (RejectedExecutionException e) {
            abort(run, true); // closed between create and execute: the job ends aborted, as queued ones do
        }
        return run.id();
    }

    /**
     * Persists the job (QUEUED) without running it: {@link #run} runs it later on the caller's thread. A job
     * prepared and never run is aborted by {@link #close()}.
     *
     * @return the job, to hand to {@link #run}
     * @throws IllegalStateException if the engine is not started or already closed
     */
    public PreparedJob prepare(JobGraph graph) {
        return new PreparedJob(create(graph));
    }

    /**
     * Runs a prepared job on the calling thread and returns how it ended. A job the engine aborted meanwhile
     * (shutdown) returns at once with its aborted record.
     *
     * @param failureNote given what the failed tasks threw, a sentence appended to the failed job's reason
     *     (what happens next), or null; called on this thread before the job's end is written
     * @throws IllegalArgumentException if the job was run already
     */
    public JobOutcome run(PreparedJob job, Function<List<Throwable>, String> failureNote) {
        JobRun run = job.claim();
        runner(run, failureNote).run();
        return new JobOutcome(run.job(), run.failures(), run.requeueAfter());
    }

    /**
     * Waits for a job to complete and returns its final record.
     *
     * @throws NoSuchElementException if the store has no such job
     * @throws TimeoutException if it did not complete in time
     */
    public JobRecord await(long jobId, Duration timeout) throws InterruptedException, TimeoutException {
        JobRun run = live.get(jobId);
        if (run != null) {
            try {
                return run.done().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Job " + jobId + " ended abnormally", e.getCause());
            }
        }
        // not live: finished already (or by a previous run of the server), so the store has the final record
        return store.findJob(jobId).orElseThrow(() -> new NoSuchElementException("No job " + jobId));
    }

    /** @return the newest job about the object, from the store */
    public Optional<JobRecord> lastJobFor(ObjectRef object) {
        return store.lastJobFor(object);
    }

    /** Adds a listener told about every job that completes from now on. */
    public void addListener(JobListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added before. */
    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    /** Whether {@link #submit} would accept a job now (started and not closed). */
    public boolean isAccepting() {
        return phase.get() == Phase.OPEN;
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_SHUTDOWN_GRACE}. */
    @Override
    public void close() {
        close(DEFAULT_SHUTDOWN_GRACE);
    }

    /**
     * Stops accepting jobs and aborts the queued ones; running jobs finish the task they are in (no further task
     * starts) and are then aborted. Whatever still runs after {@code grace} is marked ABORTED and its thread
     * interrupted. All aborts carry the reason "Server shut down". Calling it again does nothing.
     */
    public void close(Duration grace) {
        if (phase.getAndSet(Phase.CLOSED) == Phase.CLOSED) {
            return;
        }
        for (JobRun run : live.values()) {
            abort(run, true);
        }
        pool.shutdown();
        if (!awaitPool(grace)) {
            LOG.warn("Jobs still running {} after shutdown began; aborting them", grace);
            for (JobRun run : live.values()) {
                abort(run, false);
            }
            pool.shutdownNow();
            if (!awaitPool(INTERRUPT_WAIT)) {
                LOG.warn("Job threads ignored the interrupt; leaving them behind");
            }
        }
        timer.shutdownNow();
    }

    private boolean isClosing() {
        return phase.get() == Phase.CLOSED;
    }

    private Runnable runner(JobRun run, Function<List<Throwable>, String> failureNote) {
        return new JobRunner(run, clock, deadlines, this::isClosing, this::exited, failureNote);
    }

    private JobRun create(JobGraph graph) {
        Objects.requireNonNull(graph, "graph");
        if (phase.get() != Phase.OPEN) {
            throw new IllegalStateException(phase.get() == Phase.NEW
                    ? "The job engine has not been started" : "The job engine is shut down");
        }
        NewJob job = new NewJob(graph.name(), graph.objects(), clock.instant(),
                graph.tasks().stream().map(node -> new NewTask(node.name(), node.predecessors())).toList());
        JobIds ids = store.create(job);
        JobRun run = new JobRun(store, timer, progressDelay, graph, job.toRecord(ids.jobId()),
                job.toTaskRecords(ids));
        live.put(run.id(), run);
        if (phase.get() == Phase.CLOSED) {
            abort(run, true); // close() began while this one was stored and may have missed it
        }
        LOG.debug("Job {} '{}' queued", run.id(), run.name());
        return run;
    }

    private void abort(JobRun run, boolean onlyIfQueued) {
        try {
            boolean aborted = onlyIfQueued ? run.abortIfQueued(Reasons.SHUTDOWN, clock.instant())
                    : run.abort(Reasons.SHUTDOWN, clock.instant());
            if (aborted) {
                LOG.info("Job {} '{}' aborted: {}", run.id(), run.name(), Reasons.SHUTDOWN);
            }
        } catch (RuntimeException e) {
            LOG.error("Job {} could not be marked aborted; the next start will do it", run.id(), e);
        }
        if (run.isFinished()) {
            announce(run);
        }
    }

    /** Called by the job's thread as its very last step. */
    private void exited(JobRun run) {
        if (run.isFinished()) {
            announce(run);
        }
    }

    private void announce(JobRun run) {
        if (!run.claimAnnouncement()) {
            return;
        }
        JobRecord job = run.job();
        for (JobListener listener : listeners) {
            try {
                listener.jobCompleted(job);
            } catch (RuntimeException e) {
                LOG.warn("Job listener {} failed on job {}", listener, job.id(), e);
            }
        }
        live.remove(job.id());
        run.done().complete(job);
    }

    private boolean awaitPool(Duration timeout) {
        try {
            return pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            // close() is the orderly way out; daemon threads keep a forgotten engine from pinning the JVM
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> LOG.error("Uncaught error on job thread {}", t.getName(), e));
            return thread;
        };
    }
}
