package org.osc.server.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.osc.server.domain.ObjectType;
import org.osc.server.error.UnprocessableException;
import org.osc.server.job.JobContext;
import org.osc.server.job.JobEngine;
import org.osc.server.job.JobOutcome;
import org.osc.server.job.JobStatus;
import org.osc.server.job.ObjectRef;
import org.osc.server.job.PreparedJob;
import org.osc.server.job.StartedBy;
import org.osc.server.job.Task;
import org.osc.server.job.ValueTask;
import org.osc.server.jobs.JobService;
import org.osc.server.leader.Leadership;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.log.LogSafe;
import org.osc.server.metrics.ReconcileMetrics;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.StoreErrors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcile loop: worker threads take keys from the {@link ReconcileQueue}, run each one's
 * {@link Reconciler#reconcile} as a job on the worker's own thread, and act on the {@link Result} it returned (or
 * made of what it threw): done → the key's backoff is forgotten; requeue → queued again after the delay; retry
 * (transient, {@link Failures}) → queued again after its backoff (100 ms doubling to 5 min), which the job's reason
 * and {@link #nextRetry} show; stop (terminal) → not retried until something asks again.
 *
 * <p>The queue guarantees that one key is never reconciled twice at once, and that a key asked for while it
 * runs is run once more afterwards. {@link #reconcile} is the REST path: it needs a job id at once, so it stores
 * the job as QUEUED and leaves it for the key's next run; every other event source only queues the key.
 *
 * <p>With several replicas only the leader runs jobs: a replica told it does not ({@link #follow}) stores a REST
 * request's job QUEUED and keeps nothing, and the leader {@link #adopt adopts} it (see
 * {@code org.osc.server.handoff}).
 */
@Component(service = ReconcileService.class, immediate = true)
public class ReconcileService {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileService.class);
    private static final AtomicInteger LOOPS = new AtomicInteger();

    private final JobEngine engine;
    private final ReconcileQueue queue;
    private final Map<ObjectType, Reconciler> reconcilers = new ConcurrentHashMap<>();
    private final Map<ReconcileKey, PreparedJob> pending = new ConcurrentHashMap<>();
    /**
     * Monitors held while a REST request's job is stored, one per stripe of keys: a bounded set (a map of one per
     * object would keep an entry for every object ever synced), and requests for other objects rarely share one.
     */
    private final Object[] locks = Stream.generate(Object::new).limit(64).toArray();
    /** The job each key's run has taken, while it runs (an entry per worker at most). */
    private final Map<ReconcileKey, Long> running = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Retries retries;
    /**
     * Whether this replica runs the jobs REST requests store (it leads): a follower stores them QUEUED for the
     * leader to adopt ({@link #adopt}) and keeps none of them. Read under the key's stripe lock wherever a job is
     * kept, so that {@link #follow} finds every job kept before it.
     */
    // True until the handoff says otherwise: a follower's REST write in the moment between this component's
    // activation and the handoff's is kept here; the workers, gated on leadership, do not run it, and the handoff
    // leaves it QUEUED for the leader when it learns that this replica follows.
    private volatile boolean runsJobs = true;
    /** Whether this replica leads; null outside an election (tests, the benchmark): it always does. */
    private volatile Leadership leadership;
    private volatile boolean closed;
    /** Notified when this replica starts leading or the loop stops: workers waiting to lead look again. */
    private final Object leading = new Object();
    private final LeadershipListener wake = new LeadershipListener() {
        @Override
        public void startedLeading() {
            signal();
        }

        @Override
        public void stoppedLeading() {
            // workers see it before their next key; a reconcile that runs is fenced at its next plugin write
        }
    };

    /**
     * The server's loop: as many workers as the job service has threads; objects whose reconcile failed because the
     * database did not answer are reconciled again as soon as it answers (asked about once a second).
     */
    @Activate
    public ReconcileService(@Reference JobService jobs, @Reference ReconcileQueue queue,
            @Reference Database database) {
        this(jobs.engine(), queue, jobs.threads(), Clock.systemUTC(), database::isHealthy);
    }

    /**
     * The server's election: bound before the component is active (a bind method, not a constructor argument: a
     * fourth argument would give the activation constructor the arity of the one for tests, which the component
     * runtime could pick instead).
     */
    @Reference
    void bindLeadership(Leadership election) {
        gate(election);
    }

    void unbindLeadership(Leadership election) {
        election.removeListener(wake);
    }

    /**
     * Makes the workers take keys only while this replica leads (a follower serves REST; the jobs it stores wait).
     * Without it they always take keys.
     */
    public void gate(Leadership election) {
        this.leadership = election;
        election.addListener(wake);
        signal();
    }

    /** A loop as the server's, without a database probe: failures for want of the database only back off. */
    public ReconcileService(JobService jobs, ReconcileQueue queue) {
        this(jobs.engine(), queue, jobs.threads(), Clock.systemUTC(), null);
    }

    /**
     * A loop outside OSGi (tests, the benchmark), without a database probe; {@link #close} stops it.
     *
     * @param threads how many reconciles run at once
     */
    public ReconcileService(JobEngine engine, ReconcileQueue queue, int threads, Clock clock) {
        this(engine, queue, threads, clock, null);
    }

    /**
     * A loop outside OSGi; {@link #close} stops it.
     *
     * @param threads how many reconciles run at once
     * @param databaseAnswers whether the database answers again, asked about once a second while objects wait
     *     for it; null: they only back off
     */
    public ReconcileService(JobEngine engine, ReconcileQueue queue, int threads, Clock clock,
            BooleanSupplier databaseAnswers) {
        this.engine = engine;
        this.queue = queue;
        String prefix = "osc-reconcile-" + LOOPS.incrementAndGet() + "-";
        this.retries = new Retries(queue.queue(), clock, prefix + "probes", databaseAnswers);
        for (int i = 1; i <= Math.max(1, threads); i++) {
            Thread thread = new Thread(this::work, prefix + i);
            thread.setDaemon(true);
            workers.add(thread);
        }
        workers.forEach(Thread::start);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReconciler(Reconciler reconciler) {
        reconcilers.put(reconciler.type(), reconciler);
        ReconcileMetrics.init(reconciler.type().name());
    }

    void removeReconciler(Reconciler reconciler) {
        reconcilers.remove(reconciler.type(), reconciler);
    }

    /** Registers a reconciler outside OSGi (tests, the benchmark). */
    public void register(Reconciler reconciler) {
        addReconciler(reconciler);
    }

    /**
     * Asks for a reconcile of the object and returns the job that will do it: the one already waiting for the
     * object's next run, or a new one stored as QUEUED now. For REST, which answers with the job id at once. The
     * object's backoff starts over: an admin who fixed something and syncs gets quick retries again.
     *
     * @return the job id
     * @throws UnprocessableException when no reconciler for the type is running
     */
    public long reconcile(ObjectType type, long id) {
        Reconciler reconciler = reconcilers.get(type);
        if (reconciler == null) {
            throw new UnprocessableException("type", "No reconciler for " + type + " is running");
        }
        ReconcileKey key = new ReconcileKey(type, id);
        PreparedJob job;
        // Only requests for the same object (or its stripe) wait while its job is stored (they join it); a map-wide
        // lock, as computeIfAbsent's, would hold every other object's request across that database write too.
        synchronized (lock(key)) {
            if (!runsJobs) {
                // A follower: the job waits QUEUED in the database, where the leader adopts it (its store
                // notifies the leader on PostgreSQL). Nothing is kept here, so this replica never runs it.
                PreparedJob stored = prepare(reconciler, key, StartedBy.current()).orElseThrow(
                        () -> new UnprocessableException("id", type + " " + id + " does not exist"));
                engine.release(stored);
                return stored.id();
            }
            job = pending.get(key);
            if (job == null) {
                // A run of the key that took its job already may remove the object before it is described here (a
                // delete that comes while the create's reconcile runs): the request then joins that run's job.
                Long runningJob = running.get(key);
                Optional<PreparedJob> prepared = prepare(reconciler, key, StartedBy.current());
                if (prepared.isEmpty()) {
                    return Optional.ofNullable(runningJob).or(() -> Optional.ofNullable(running.get(key)))
                            .orElseThrow(() -> new UnprocessableException("id", type + " " + id + " does not exist"));
                }
                job = prepared.get();
                pending.put(key, job);
            }
        }
        retries.restart(key);
        queue.queue().add(key);
        return job.id();
    }

    /**
     * Takes over a job stored QUEUED by another replica (or a previous run of the server): the object's next run
     * runs it, so that it ends PASSED or FAILED like a job this replica stored. For the leader
     * ({@code org.osc.server.handoff}).
     *
     * @return false if it is not adopted now: this replica does not lead, the object has a job waiting already
     *     (the job is adopted on a later look, after that run took its own), or it is no longer QUEUED or is this
     *     replica's own
     */
    public boolean adopt(ObjectType type, long id, long jobId) {
        ReconcileKey key = new ReconcileKey(type, id);
        synchronized (lock(key)) {
            if (!runsJobs || pending.containsKey(key) || Long.valueOf(jobId).equals(running.get(key))) {
                return false;
            }
            // read under the lock: a job this replica is storing for the key is in pending before anyone sees it
            Optional<PreparedJob> job = engine.adopt(jobId);
            if (job.isEmpty()) {
                return false;
            }
            pending.put(key, job.get());
        }
        retries.restart(key);
        queue.queue().add(key);
        return true;
    }

    /** @return whether this replica holds the job: waiting for its object's run, or running */
    public boolean holds(long jobId) {
        return engine.holds(jobId);
    }

    /**
     * Says whether this replica runs the jobs REST requests store (whether it leads). Quick: it only decides where
     * the next requests' jobs go; {@link #leaveWaitingJobs} gives up the jobs kept before.
     */
    public void follow(boolean leads) {
        runsJobs = leads;
    }

    /**
     * On a replica that does not run jobs any more ({@link #follow} false): the jobs waiting for their objects'
     * runs (stored here or adopted) are kept no more and stay QUEUED in the database for the next leader,
     * unfailed; jobs already running end as they do. Nothing happens on a replica that runs jobs.
     *
     * @return how many waiting jobs were left to the next leader
     */
    public int leaveWaitingJobs() {
        int left = 0;
        // Every stripe in turn: a request that saw runsJobs true and is storing its job holds its stripe, so the
        // job it keeps is found here.
        for (Object stripe : locks) {
            synchronized (stripe) {
                if (runsJobs) {
                    return left;
                }
                for (ReconcileKey key : List.copyOf(pending.keySet())) {
                    if (lock(key) == stripe) {
                        PreparedJob job = pending.remove(key);
                        if (job != null && engine.release(job)) {
                            left++;
                        }
                    }
                }
            }
        }
        if (left > 0) {
            LOG.info("{} queued job(s) left QUEUED for the next leader", left);
        }
        return left;
    }

    /** @return the queue this loop takes its keys from, where services ask for reconciles without a job id */
    public ReconcileQueue queue() {
        return queue;
    }

    /** @return when the object is reconciled again by itself after a failure or a recheck, if it is */
    public Optional<Instant> nextRetry(ObjectType type, long id) {
        return retries.of(new ReconcileKey(type, id)).map(Retries.Retry::at);
    }

    /**
     * Stops the workers: no key is taken any more, and the reconciles that run get the job engine's shutdown
     * grace to finish before their threads are interrupted. Jobs stored for keys never taken are aborted by the
     * engine's close, unless {@link #leaveWaitingJobs} left them QUEUED before (the server's handoff does, so
     * that the next leader or start runs them).
     */
    @Deactivate
    public void close() {
        closed = true;
        Leadership election = leadership;
        if (election != null) {
            election.removeListener(wake);
        }
        signal();
        queue.queue().shutDown();
        retries.close();
        long deadline = System.nanoTime() + JobEngine.DEFAULT_SHUTDOWN_GRACE.toNanos();
        for (Thread worker : workers) {
            join(worker, deadline - System.nanoTime());
        }
        for (Thread worker : workers) {
            if (worker.isAlive()) {
                LOG.warn("Reconcile worker {} still runs after the shutdown grace; interrupting it", worker.getName());
                worker.interrupt();
                join(worker, TimeUnit.SECONDS.toNanos(5));
            }
        }
    }

    /** @return whether this replica leads (always, outside an election) */
    private boolean leads() {
        Leadership election = leadership;
        return election == null || election.isLeader();
    }

    /**
     * Waits until this replica leads.
     *
     * @return false when the loop stops meanwhile
     */
    private boolean awaitLeading() throws InterruptedException {
        while (!leads()) {
            if (closed) {
                return false;
            }
            synchronized (leading) {
                // looked at again every second too: leadership ends by a deadline, not only by an event
                leading.wait(1000);
            }
        }
        return !closed;
    }

    private void signal() {
        synchronized (leading) {
            leading.notifyAll();
        }
    }

    private static void join(Thread worker, long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        WorkQueue<ReconcileKey> keys = queue.queue();
        while (true) {
            Optional<ReconcileKey> next;
            try {
                if (!awaitLeading()) {
                    return;
                }
                next = keys.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            ReconcileKey key = next.get();
            if (!leads()) {
                // taken while it stopped leading: the key waits for this replica's next term (the leader has its own)
                keys.done(key);
                keys.add(key);
                continue;
            }
            try {
                process(key);
            } catch (RuntimeException e) {
                if (StoreErrors.unreachable(e)) {
                    // an outage, not a bug: one line, and the key waits for the database rather than its backoff
                    LOG.debug("Reconcile of {} waits for the database: {}", key, LogSafe.of(e.getMessage()));
                } else {
                    LOG.warn("Reconcile of {} could not run: {}; retrying", key, e.getMessage(), e);
                }
                retries.backOff(key, e);
            } catch (Error e) {
                // The job engine rethrows an OutOfMemoryError after recording the job; this worker must not die
                // of it, or the loop would lose a thread for good.
                LOG.error("Reconcile of {} stopped by {}; retrying", key, e.getClass().getSimpleName(), e);
                retries.backOff(key);
            } finally {
                // a task may leave the interrupt flag set; the next key must not inherit it
                Thread.interrupted();
                keys.done(key);
            }
        }
    }

    private void process(ReconcileKey key) {
        Reconciler reconciler = reconcilers.get(key.type());
        if (reconciler == null) {
            // Its bundle is restarting, or not there yet: the key waits, and a job queued for it stays queued.
            LOG.debug("No reconciler for {} yet; retrying", key);
            retries.backOff(key);
            return;
        }
        PreparedJob job;
        String origin = queue.takeOrigin(key);
        synchronized (lock(key)) {
            job = pending.remove(key);
            if (job != null) {
                running.put(key, job.id());
            }
        }
        if (job == null) {
            if (!engine.isAccepting()) {
                return;
            }
            Optional<PreparedJob> prepared = prepare(reconciler, key, origin);
            if (prepared.isEmpty()) {
                // The object does not exist (deleted meanwhile, or named by an event about something not ours).
                retries.done(key);
                return;
            }
            job = prepared.get();
            running.put(key, job.id());
        }
        try {
            run(reconciler, key, job);
        } finally {
            running.remove(key, job.id());
        }
    }

    private void run(Reconciler reconciler, ReconcileKey key, PreparedJob job) {
        long started = System.nanoTime();
        JobOutcome<Result> outcome = engine.run(job, context -> {
            Result result = Objects.requireNonNull(reconciler.reconcile(key.id(), new Context(context, "")),
                    () -> "The reconciler of " + key.type() + " returned no result");
            if (result.failed()) {
                throw new FailedReconcile(result);
            }
            return result;
        }, failure -> retries.after(key, failure instanceof FailedReconcile f ? f.result : Result.of(failure)));
        if (outcome.job().status() == JobStatus.PASSED) {
            retries.after(key, outcome.value());
        }
        record(key, outcome, System.nanoTime() - started);
        // failed: retries.after has scheduled what follows (its note is in the job's reason); aborted: stopping
    }

    private static void record(ReconcileKey key, JobOutcome<Result> outcome, long nanos) {
        JobStatus status = outcome.job().status();
        if (status == JobStatus.ABORTED) {
            return; // the server is stopping: not a result of the object's reconcile
        }
        boolean passed = status == JobStatus.PASSED;
        Duration requeue = passed && outcome.value().outcome() == Result.Outcome.REQUEUE ? outcome.value().delay()
                : null;
        ReconcileMetrics.record(key.type().name(), !passed, requeue, nanos);
    }

    /**
     * @param startedBy who asked for it ({@link StartedBy})
     * @return the object's next job, stored as QUEUED; empty when the object does not exist
     */
    private Optional<PreparedJob> prepare(Reconciler reconciler, ReconcileKey key, String startedBy) {
        return reconciler.describe(key.id()).map(d -> {
            List<ObjectRef> objects = new ArrayList<>();
            objects.add(key.ref());
            objects.addAll(d.related());
            return engine.prepare(d.jobName(), objects, startedBy);
        });
    }

    /** @return the monitor of the key's stripe, held while its REST job is stored or taken */
    private Object lock(ReconcileKey key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    /** How long {@link ReconcileContext#reconcileNow} waits for a worker's reconcile of the object to end. */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Reconciles another object inline, under its key (see {@link ReconcileContext#reconcileNow}), and schedules
     * what follows for it.
     */
    private Result reconcileNow(ReconcileKey key, JobContext job) throws Exception {
        Reconciler reconciler = reconcilers.get(key.type());
        if (reconciler == null) {
            throw new NotReadyException("No reconciler for " + key.type() + " is running");
        }
        WorkQueue<ReconcileKey> keys = queue.queue();
        if (!keys.claim(key, CLAIM_TIMEOUT)) {
            throw new NotReadyException(key.type() + " " + key.id() + " is still being reconciled after "
                    + CLAIM_TIMEOUT.toSeconds() + " s");
        }
        try {
            Optional<Reconciler.Description> description = reconciler.describe(key.id());
            if (description.isEmpty()) {
                retries.done(key);
                return Result.done();
            }
            Result result;
            try {
                result = Objects.requireNonNull(reconciler.reconcile(key.id(),
                        new Context(job, description.get().jobName() + ": ")),
                        () -> "The reconciler of " + key.type() + " returned no result");
            } catch (Exception e) {
                retries.after(key, Result.of(e));
                throw e;
            }
            retries.after(key, result);
            return result;
        } finally {
            if (pending.containsKey(key)) {
                keys.add(key); // a REST request's job waits for the key's next run: the claim must not swallow it
            }
            keys.done(key);
        }
    }

    /** The context of one reconcile: the job's, with step names prefixed when it runs inside another's job. */
    private final class Context implements ReconcileContext {

        private final JobContext job;
        private final String prefix;

        Context(JobContext job, String prefix) {
            this.job = job;
            this.prefix = prefix;
        }

        @Override
        public long jobId() {
            return job.jobId();
        }

        @Override
        public void step(String name, Task task) throws Exception {
            job.step(prefix + name, task);
        }

        @Override
        public <T> T value(String name, ValueTask<T> task) throws Exception {
            return job.value(prefix + name, task);
        }

        @Override
        public Result reconcileNow(ObjectType type, long id) throws Exception {
            return ReconcileService.this.reconcileNow(new ReconcileKey(type, id), job);
        }
    }

    /** A reconcile that returned a failed {@link Result}: fails its job with the result's reason. */
    private static final class FailedReconcile extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient Result result;

        FailedReconcile(Result result) {
            // the cause tells the job engine a fenced write (NotLeaderException) from a failure
            super(result.reason(), result.cause(), false, false);
            this.result = result;
        }
    }
}
