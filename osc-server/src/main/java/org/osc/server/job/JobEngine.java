package org.osc.server.job;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs: persists each submitted {@link JobGraph} through a {@link JobStore} and executes it on a bounded
 * pool (jobs queue when every thread is busy). A job's creation and its end are written before anyone is told;
 * its progress in between at most {@link #PROGRESS_DELAY} later (see {@link JobRun}).
 *
 * <p>A job's tasks run one at a time on the job's thread, in graph order: a task starts only after all its
 * predecessors passed; a task that throws fails, its dependents are skipped, independent tasks still run. A task
 * that outlives the task timeout is interrupted and fails as timed out (see {@link TaskDeadlines}). Jobs
 * with the same lock key ({@link JobGraph#lockOn}) run one after another in submission order;
 * {@link #submitIfAbsent} folds a request into the job already queued for its key.
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

    private final JobStore store;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    private final TaskDeadlines deadlines;
    private final ScheduledExecutorService timer;
    private final Duration progressDelay;
    private final LaneScheduler scheduler;
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
        this.scheduler = new LaneScheduler(pool,
                run -> new JobRunner(run, this.clock, deadlines, this::isClosing, this::exited));
    }

    /**
     * Aborts every job a previous run of the server left QUEUED or RUNNING, then starts accepting jobs.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        scheduler.requireNew();
        int aborted = store.abortRunning(Reasons.RESTARTED);
        if (aborted > 0) {
            LOG.warn("Aborted {} job(s) left unfinished by the previous run of the server", aborted);
        }
        scheduler.open();
    }

    /**
     * Persists the job (QUEUED) and queues it; returns at once.
     *
     * @return the job's id
     * @throws IllegalStateException if the engine is not started or already closed
     */
    public long submit(JobGraph graph) {
        Objects.requireNonNull(graph, "graph");
        return scheduler.submit(() -> create(graph, graph.lockKey())).id();
    }

    /**
     * Coalescing submit: if a job for this key is still queued (not started), returns its id and does not call
     * {@code graph}; otherwise builds the graph, locks it on {@code key} and submits it. A burst of reconcile
     * requests for one object thus collapses into the running job plus at most one pending job. The supplier is
     * called under the engine's submission lock: it should only build the graph.
     *
     * @throws IllegalArgumentException if the graph declares a different lock key
     */
    public long submitIfAbsent(ObjectRef key, Supplier<JobGraph> graph) {
        Objects.requireNonNull(key, "key");
        return scheduler.submitIfAbsent(key, () -> {
            JobGraph built = Objects.requireNonNull(graph.get(), "graph");
            if (built.lockKey() != null && !built.lockKey().equals(key)) {
                throw new IllegalArgumentException("Job '" + built.name() + "' is locked on " + built.lockKey()
                        + ", not on " + key);
            }
            return create(built, key);
        }).id();
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
        return scheduler.isOpen();
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
        if (!scheduler.close()) {
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
        return scheduler.isClosed();
    }

    private JobRun create(JobGraph graph, ObjectRef lockKey) {
        NewJob job = new NewJob(graph.name(), graph.objects(), clock.instant(),
                graph.tasks().stream().map(node -> new NewTask(node.name(), node.predecessors())).toList());
        JobIds ids = store.create(job);
        JobRun run = new JobRun(store, timer, progressDelay, graph, lockKey, job.toRecord(ids.jobId()),
                job.toTaskRecords(ids));
        live.put(run.id(), run);
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
        // only now may the next job on this key start: listeners of one key are told in order
        scheduler.release(run);
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
