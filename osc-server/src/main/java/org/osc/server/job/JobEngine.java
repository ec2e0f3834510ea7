package org.osc.server.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs jobs and records them through a {@link JobStore}: {@link #prepare} stores a job as QUEUED (so that its id
 * can be answered at once), {@link #run} later runs its {@link JobBody} on the caller's thread, recording each step
 * the body takes as a task. A job's creation and its end are written before anyone is told; its progress in
 * between at most {@link #PROGRESS_DELAY} later (see {@link JobRun}). A step that outlives the task timeout is
 * interrupted and fails as timed out (see {@link TaskDeadlines}).
 *
 * <p>The engine owns no threads but a timer: the reconcile loop's workers run the jobs, and the loop, not the
 * engine, makes sure two jobs of one object never overlap.
 *
 * <p>Fencing: every job row names its {@link Runner} (this replica's identity and the epoch of its term of
 * leadership, from {@link #runAs}), recorded when the job is stored or adopted; every later write of its run is
 * conditional on the row still naming it, and {@link #adopt} and {@link #endAbandoned} take a row over only from a
 * runner of the same term or an older one. A replica that lost the lead while it ran a job (it was paused past its
 * lease) therefore writes nothing over the job once the new leader took it over: its run stops at the refused
 * write, quietly (one line in the log).
 *
 * <p>Life cycle: construct, {@link #start()} (which aborts what a previous run left unfinished), prepare and run,
 * {@link #close()}.
 */
public final class JobEngine implements AutoCloseable {

    /** How long a task may run before it is interrupted and fails, unless configured otherwise. */
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofMinutes(10);
    /** The logging MDC key of the running job's id, on every line a job's thread logs while it runs. */
    public static final String MDC_JOB = "jobId";
    /** How long a running job's progress may wait to be written to the store (see {@link JobRun}). */
    public static final Duration PROGRESS_DELAY = Duration.ofMillis(200);
    /** How long {@link #close()} lets running jobs finish. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    private static final AtomicInteger ENGINES = new AtomicInteger();
    /** The databases keep microseconds: a record in memory then equals the one read back from the store. */
    private static final Clock MICROSECONDS = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

    private enum Phase { NEW, OPEN, CLOSED }

    private final JobStore store;
    private final Clock clock;
    private final TaskDeadlines deadlines;
    private final ScheduledExecutorService timer;
    private final Duration progressDelay;
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.NEW);
    private final Map<Long, JobRun> live = new ConcurrentHashMap<>();
    /** Finished jobs whose end the store failed to take (the database was away), by id: written again later. */
    private final Map<Long, JobRun> unwritten = new ConcurrentHashMap<>();
    // guarded by unwritten
    private boolean endWritesScheduled;
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    /** Who runs the jobs prepared and adopted here now; {@link Runner#LOCAL} outside an election. */
    private volatile Supplier<Runner> runner = () -> Runner.LOCAL;

    /** An engine whose tasks run for at most the default timeout. */
    public JobEngine(JobStore store) {
        this(store, DEFAULT_TASK_TIMEOUT);
    }

    /**
     * An engine whose tasks running longer than {@code taskTimeout} (zero: no limit) are interrupted and fail
     * with a reason saying they timed out.
     */
    public JobEngine(JobStore store, Duration taskTimeout) {
        this(store, taskTimeout, PROGRESS_DELAY, MICROSECONDS);
    }

    /** @param progressDelay how long progress may wait to be written; zero writes every step at once */
    JobEngine(JobStore store, Duration taskTimeout, Duration progressDelay, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progressDelay = Objects.requireNonNull(progressDelay, "progressDelay");
        this.timer = Executors.newSingleThreadScheduledExecutor(timerThread("osc-job-" + ENGINES.incrementAndGet()
                + "-timer"));
        this.deadlines = new TaskDeadlines(Objects.requireNonNull(taskTimeout, "taskTimeout"), timer);
    }

    /**
     * Says who runs the jobs this engine stores and adopts from now on: asked at each {@link #prepare},
     * {@link #adopt} and {@link #endAbandoned}. In the server: this replica with the fencing token of its term while
     * it leads, {@link Runner#NONE} while it follows. Without it: {@link Runner#LOCAL}.
     */
    public void runAs(Supplier<Runner> who) {
        this.runner = Objects.requireNonNull(who, "who");
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
     * Starts accepting jobs without touching what a previous run (or another replica) left QUEUED or RUNNING in
     * the store: for the server, whose leader takes such jobs over ({@code org.osc.server.handoff}), since with
     * several replicas on one database a replica that starts must not abort the jobs the leader runs.
     *
     * @throws IllegalStateException if already started or closed
     */
    public synchronized void startKeepingLeftovers() {
        if (phase.get() != Phase.NEW) {
            throw new IllegalStateException(phase.get() == Phase.OPEN
                    ? "The job engine has already been started" : "The job engine is shut down");
        }
        phase.compareAndSet(Phase.NEW, Phase.OPEN);
    }

    /**
     * Takes over a job stored QUEUED by another engine (another replica, or a previous run of the server), to run
     * it here with {@link #run}, as if prepared here.
     *
     * The job's row is taken over in one statement ({@link JobStore#claim}): it names this replica from then on.
     *
     * @return the job; empty when it is not QUEUED in the store any more, or is this engine's already, or a replica
     *     leading in a newer term holds it, or this replica does not lead ({@link Runner#NONE})
     */
    public Optional<PreparedJob> adopt(long jobId) {
        Runner me = runner.get();
        if (phase.get() != Phase.OPEN || live.containsKey(jobId) || !me.runs()) {
            return Optional.empty();
        }
        Optional<JobRecord> stored = store.claim(jobId, me);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        JobRun run = new JobRun(store, me, timer, progressDelay, stored.get());
        if (live.putIfAbsent(jobId, run) != null) {
            return Optional.empty();
        }
        LOG.debug("Job {} '{}' adopted", run.id(), run.name());
        return Optional.of(new PreparedJob(run));
    }

    /**
     * Forgets a job prepared or adopted here and not run yet, leaving it QUEUED in the store for whoever runs jobs
     * (the leader): {@link #close()} does not abort it, {@link #run} refuses it.
     *
     * @return false if it had started here already (nothing changed then)
     */
    public boolean release(PreparedJob job) {
        JobRun run;
        try {
            run = job.claim();
        } catch (IllegalArgumentException started) {
            return false;
        }
        live.remove(run.id(), run);
        return true;
    }

    /** @return whether the job is prepared, adopted or running in this engine */
    public boolean holds(long jobId) {
        return live.containsKey(jobId);
    }

    /**
     * Ends a job another engine left RUNNING (or QUEUED) and will never finish (its server died or lost the
     * lead): COMPLETED / ABORTED with the reason, and every task of it not completed likewise, in one transaction
     * that takes the job's row over ({@link JobStore#endAbandoned}): the row names this replica from then on, so
     * nothing the old run writes afterwards (if its replica was only paused) lands.
     *
     * @return false if the job is not open in the store, or is this engine's own, or a replica leading in a newer
     *     term holds it, or this replica does not lead (nothing changed then)
     */
    public boolean endAbandoned(long jobId, String reason) {
        Runner me = runner.get();
        if (live.containsKey(jobId) || !me.runs()) {
            return false;
        }
        String why = Reasons.truncate(reason);
        Optional<JobRecord> ended = store.endAbandoned(jobId, me, why, clock.instant());
        ended.ifPresent(job -> LOG.info("Job {} '{}' ended: {}", jobId, job.name(), why));
        return ended.isPresent();
    }

    /**
     * Persists a job (QUEUED, no tasks yet) without running it: {@link #run} runs it later. A job prepared and
     * never run is aborted by {@link #close()}.
     *
     * @param name what the job does, e.g. {@code Reconcile security group 'web'}
     * @param objects the domain objects it is about (shown with the job, and how an object's last job is found)
     * @return the job, to hand to {@link #run}
     * @throws IllegalStateException if the engine is not started or already closed
     */
    public PreparedJob prepare(String name, List<ObjectRef> objects) {
        return prepare(name, objects, StartedBy.current());
    }

    /**
     * Persists a job like {@link #prepare(String, List)}, naming who started it.
     *
     * @param startedBy who started it ({@link StartedBy}), or null when not known
     */
    public PreparedJob prepare(String name, List<ObjectRef> objects, String startedBy) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A job needs a name");
        }
        if (phase.get() != Phase.OPEN) {
            throw new IllegalStateException(phase.get() == Phase.NEW
                    ? "The job engine has not been started" : "The job engine is shut down");
        }
        Runner me = runner.get();
        NewJob job = new NewJob(name, objects, clock.instant(), startedBy, me);
        JobRun run = new JobRun(store, me, timer, progressDelay, job.toRecord(store.create(job)));
        live.put(run.id(), run);
        if (phase.get() == Phase.CLOSED) {
            abort(run, true); // close() began while this one was stored and may have missed it
        }
        LOG.debug("Job {} '{}' queued", run.id(), run.name());
        return new PreparedJob(run);
    }

    /**
     * Runs a prepared job's body on the calling thread and returns how it ended. A job the engine aborted
     * meanwhile (shutdown) returns at once with its aborted record.
     *
     * @param failureNote given what failed the job, a sentence appended to its reason (what happens next), or
     *     null; called on this thread before the job's end is written
     * @throws IllegalArgumentException if the job was run already
     */
    public <R> JobOutcome<R> run(PreparedJob job, JobBody<R> body, Function<Throwable, String> failureNote) {
        JobRun run = job.claim();
        String outerJob = MDC.get(MDC_JOB);
        MDC.put(MDC_JOB, Long.toString(run.id()));
        try {
            return new JobRunner<>(run, Objects.requireNonNull(body, "body"), clock, deadlines, this::isClosing,
                    failureNote).run();
        } finally {
            if (outerJob == null) {
                MDC.remove(MDC_JOB);
            } else {
                MDC.put(MDC_JOB, outerJob);
            }
            if (run.isFinished()) {
                announce(run);
            }
        }
    }

    /**
     * Waits for a job to complete and returns its final record; a job this engine does not hold (another replica
     * runs it) is read from the store until it completes.
     *
     * @throws NoSuchElementException if the store has no such job
     * @throws TimeoutException if it did not complete in time
     */
    public JobRecord await(long jobId, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobRun run = live.get(jobId);
        if (run != null) {
            JobRecord ended;
            try {
                ended = run.done().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Job " + jobId + " ended abnormally", e.getCause());
            }
            if (run.takenOverBy() == null) {
                return ended;
            }
            // another replica runs it now: its end is the one in the store
        }
        // not live: finished already (or by a previous run of the server), or run by another replica (the leader):
        // the store has its record, final or not yet
        while (true) {
            JobRecord stored = store.findJob(jobId).orElseThrow(() -> new NoSuchElementException("No job " + jobId));
            if (stored.isDone()) {
                return stored;
            }
            if (System.nanoTime() >= deadline) {
                throw new TimeoutException("Job " + jobId + " has not completed within " + timeout);
            }
            Thread.sleep(Math.max(1, Math.min(STORE_AWAIT_POLL.toMillis(),
                    TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
        }
    }

    /** How often {@link #await} reads the store for a job another engine (replica) runs. */
    static final Duration STORE_AWAIT_POLL = Duration.ofMillis(100);

    /** Adds a listener told about every job that completes from now on. */
    public void addListener(JobListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added before. */
    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    /** Whether {@link #prepare} would accept a job now (started and not closed). */
    public boolean isAccepting() {
        return phase.get() == Phase.OPEN;
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_SHUTDOWN_GRACE}. */
    @Override
    public void close() {
        close(DEFAULT_SHUTDOWN_GRACE);
    }

    /**
     * Stops accepting jobs and aborts the queued ones; running jobs finish the step they are in (no further step
     * starts) and are then aborted. Whatever still runs after {@code grace} is marked ABORTED (interrupting its
     * thread is up to whoever runs it). All aborts carry the reason "Server shut down". Calling it again does
     * nothing.
     */
    public void close(Duration grace) {
        if (phase.getAndSet(Phase.CLOSED) == Phase.CLOSED) {
            return;
        }
        for (JobRun run : live.values()) {
            abort(run, true);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (JobRun run : live.values()) {
            try {
                run.done().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!live.isEmpty()) {
            LOG.warn("Jobs still running {} after shutdown began; aborting them", grace);
            for (JobRun run : live.values()) {
                abort(run, false);
            }
        }
        timer.shutdownNow();
    }

    private boolean isClosing() {
        return phase.get() == Phase.CLOSED;
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

    /** How often the ends of jobs the store failed to take are written again. */
    static final Duration END_WRITE_RETRY = Duration.ofSeconds(1);

    /** Keeps a finished job whose end the store did not take, and makes sure its write is retried. */
    private void writeEndLater(JobRun run) {
        unwritten.put(run.id(), run);
        scheduleEndWrites();
    }

    private void scheduleEndWrites() {
        synchronized (unwritten) {
            if (endWritesScheduled || unwritten.isEmpty()) {
                return;
            }
            try {
                timer.schedule(this::writeEnds, END_WRITE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                endWritesScheduled = true;
            } catch (RejectedExecutionException closed) {
                // shut down: the next start aborts what the store still shows running
            }
        }
    }

    /** Writes the ends kept by {@link #writeEndLater}, stopping at the first the store still refuses. */
    private void writeEnds() {
        synchronized (unwritten) {
            endWritesScheduled = false;
        }
        for (JobRun run : List.copyOf(unwritten.values())) {
            try {
                run.writeEnd();
                unwritten.remove(run.id());
                LOG.info("Job {} '{}': its end ({}) is written now", run.id(), run.name(), run.job().status());
            } catch (RuntimeException stillAway) {
                LOG.debug("Job {}: its end still cannot be written", run.id(), stillAway);
                break;
            }
        }
        scheduleEndWrites();
    }

    /** @return how many finished jobs' ends wait to be written (the database was away when they ended) */
    public int unwrittenEnds() {
        return unwritten.size();
    }

    private void announce(JobRun run) {
        if (run.hasUnwrittenEnd()) {
            writeEndLater(run);
        }
        if (!run.claimAnnouncement()) {
            return;
        }
        JobRecord job = run.job();
        // a job another replica took over has not completed here: that replica's run tells of its end
        for (JobListener listener : run.takenOverBy() == null ? listeners : List.<JobListener>of()) {
            try {
                listener.jobCompleted(job);
            } catch (RuntimeException e) {
                LOG.warn("Job listener {} failed on job {}", listener, job.id(), e);
            }
        }
        live.remove(job.id());
        run.done().complete(job);
    }

    private static ThreadFactory timerThread(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            // close() is the orderly way out; a daemon thread keeps a forgotten engine from pinning the JVM
            thread.setDaemon(true);
            return thread;
        };
    }
}
