package org.osc.server.handoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.osc.server.domain.ObjectType;
import org.osc.server.error.UnprocessableException;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.ObjectRef;
import org.osc.server.job.StartedBy;
import org.osc.server.jobs.JobService;
import org.osc.server.leader.Leadership;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.log.LogSafe;
import org.osc.server.reconcile.ReconcileService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands jobs over between replicas. While this replica leads, it adopts every QUEUED job in the database it does
 * not run yet ({@link ReconcileService#adopt}): when {@link #wake() woken} (a notification that a job was stored)
 * and every poll interval. When it starts leading it also takes over what the previous leader left: the QUEUED
 * jobs, and the RUNNING ones, which will never end where they ran: each is ended (ABORTED, saying which job
 * reconciles its object again) and its object is reconciled again. When it stops leading, the jobs it kept and did
 * not start stay QUEUED for the next leader ({@link ReconcileService#follow}).
 *
 * <p>All of it runs on one thread of its own, in the order the leadership changed; the listener's methods only
 * hand work to it and return.
 */
public final class JobHandoff implements LeadershipListener, AutoCloseable {

    /** Who starts the jobs that reconcile again the objects of jobs a previous leader left running. */
    public static final String TAKEOVER = "takeover";

    private static final Logger LOG = LoggerFactory.getLogger(JobHandoff.class);
    private static final AtomicInteger HANDOFFS = new AtomicInteger();

    private final ReconcileService loop;
    private final JobService jobs;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean leading;
    /** Whether the takeover since this replica last started leading is done (a failed one is tried again). */
    private volatile boolean tookOver;
    private volatile Leadership leadership;
    private volatile boolean closed;

    /**
     * A handoff that follows no leadership yet (see {@link #follow}).
     *
     * @param loop the reconcile loop that runs the adopted jobs
     * @param jobs where the jobs are stored
     * @param poll how often the leader looks for QUEUED jobs it was not told about
     */
    public JobHandoff(ReconcileService loop, JobService jobs, Duration poll) {
        this.loop = loop;
        this.jobs = jobs;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "osc-handoff-" + HANDOFFS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, poll.toMillis());
        thread.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Follows a leadership from now on (replacing the one followed before): while it says this replica leads,
     * this replica runs and adopts jobs; otherwise it keeps none.
     *
     * @param next the election's leadership (a single process's always leads); null: none, this replica leads not
     */
    public synchronized void follow(Leadership next) {
        Leadership chosen = next;
        Leadership before = leadership;
        if (before == chosen) {
            return;
        }
        if (before != null) {
            before.removeListener(this);
        }
        // a replica leads only once the leadership followed now says so (at once, through the listener)
        stoppedLeading();
        leadership = chosen;
        if (chosen != null) {
            chosen.addListener(this);
        }
    }

    /** Looks for QUEUED jobs at once, if this replica leads (a notification said a job was stored). */
    public void wake() {
        if (leading && wakeQueued.compareAndSet(false, true)) {
            submit(() -> {
                wakeQueued.set(false);
                if (leading) {
                    adoptQueued();
                }
            });
        }
    }

    @Override
    public void startedLeading() {
        tookOver = false;
        leading = true;
        submit(() -> {
            if (leading) {
                takeOver();
            }
        });
    }

    @Override
    public void stoppedLeading() {
        leading = false;
        loop.follow(false); // at once: the next REST writes' jobs go to the database only
        submit(() -> {
            if (!leading) {
                loop.follow(false); // again: a takeover that ran meanwhile may have said the opposite
                loop.leaveWaitingJobs();
            }
        });
    }

    /** @return whether this replica leads as far as the handoff knows */
    public boolean leads() {
        return leading;
    }

    /**
     * Stops the handoff: the jobs this replica kept and did not start stay QUEUED, for the next leader or the next
     * start of the server.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (leadership != null) {
                leadership.removeListener(this);
            }
        }
        leading = false;
        loop.follow(false);
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.leaveWaitingJobs();
    }

    /**
     * Adopts every QUEUED job this replica does not hold, oldest first. A job whose object has a job waiting here
     * already is adopted by a later look.
     *
     * @return how many were adopted
     */
    int adoptQueued() {
        List<JobRecord> queued = new ArrayList<>(jobs.list(JobState.QUEUED, 0));
        Collections.reverse(queued);
        int adopted = 0;
        boolean waiting = false;
        for (JobRecord job : queued) {
            if (!leading) {
                break;
            }
            if (loop.holds(job.id())) {
                continue;
            }
            Optional<ObjectRef> object = objectOf(job);
            if (object.isEmpty()) {
                continue;
            }
            if (loop.adopt(ObjectType.valueOf(object.get().type()), object.get().id(), job.id())) {
                LOG.debug("Job {} '{}' adopted", job.id(), LogSafe.of(job.name()));
                adopted++;
            } else {
                waiting = true; // its object has a job waiting here already (or it just ended): look again soon
            }
        }
        if (adopted > 0) {
            LOG.info("Adopted {} queued job(s) stored by other replicas or an earlier run", adopted);
        }
        if (waiting && leading) {
            lookAgainSoon();
        }
        return adopted;
    }

    /** How soon a job that could not be adopted yet (its object had a job waiting) is looked at again. */
    static final Duration LOOK_AGAIN = Duration.ofSeconds(1);

    private void lookAgainSoon() {
        try {
            thread.schedule(this::wake, LOOK_AGAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // closed meanwhile
        }
    }

    /**
     * What a replica does as it starts leading: it runs jobs from now, adopts the QUEUED jobs, and ends each
     * RUNNING job it does not run itself (the previous leader's, which will never end), reconciling its object
     * again. A RUNNING job is ended only while this replica leads (holds the lease), so a job of a replica that
     * still leads is never touched; the store takes each row over in the same transaction that ends it, and only
     * from a runner of an older term, so a previous leader that was only paused writes nothing over it afterwards.
     *
     * @return how many RUNNING jobs were ended
     */
    int takeOver() {
        loop.follow(true); // a stop of leading meanwhile queued a task after this one, which says false again
        adoptQueued();
        List<JobRecord> running = new ArrayList<>(jobs.list(JobState.RUNNING, 0));
        Collections.reverse(running);
        int ended = 0;
        for (JobRecord job : running) {
            if (!leading || !leadership.isLeader()) {
                break;
            }
            if (loop.holds(job.id())) {
                continue;
            }
            String reason = "The OSC server running it stopped before it ended; " + reconcileAgain(job);
            if (jobs.engine().endAbandoned(job.id(), reason)) {
                ended++;
            }
        }
        if (ended > 0) {
            LOG.warn("Ended {} job(s) a previous leader left running; their objects are reconciled again", ended);
        }
        tookOver = leading;
        return ended;
    }

    /** Asks for a reconcile of the job's object, and says so for the job's reason. */
    private String reconcileAgain(JobRecord job) {
        Optional<ObjectRef> object = objectOf(job);
        if (object.isEmpty()) {
            return "it named no object to reconcile again";
        }
        ObjectType type = ObjectType.valueOf(object.get().type());
        long id = object.get().id();
        try {
            long again = StartedBy.call(TAKEOVER, () -> loop.reconcile(type, id));
            return "reconciled again by job " + again;
        } catch (UnprocessableException e) {
            if (e.errors().stream().anyMatch(error -> error.field().equals("id"))) {
                return "its object no longer exists";
            }
            // its reconciler is not running yet (the server starts): the key waits for it
            StartedBy.run(TAKEOVER, () -> loop.queue().request(type, id));
            return "its object is reconciled again once its reconciler runs";
        }
    }

    /** @return the object the job reconciles: its first one, when it is a type the loop knows */
    private static Optional<ObjectRef> objectOf(JobRecord job) {
        if (job.objects().isEmpty()) {
            return Optional.empty();
        }
        ObjectRef first = job.objects().get(0);
        for (ObjectType type : ObjectType.values()) {
            if (type.name().equals(first.type())) {
                return Optional.of(first);
            }
        }
        return Optional.empty();
    }

    private void poll() {
        if (leading) {
            try {
                if (tookOver) {
                    adoptQueued();
                } else {
                    takeOver();
                }
            } catch (RuntimeException e) {
                LOG.debug("Looking for queued jobs failed; looking again in a moment: {}", LogSafe.of(e.getMessage()));
            }
        }
    }

    private void submit(Runnable work) {
        if (closed) {
            return;
        }
        try {
            thread.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("Job handoff step failed; the next poll tries again: {}", LogSafe.of(e.getMessage()), e);
                }
            });
        } catch (RejectedExecutionException stopped) {
            // closed meanwhile
        }
    }
}
