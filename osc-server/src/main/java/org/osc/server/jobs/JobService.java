package org.osc.server.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

import org.osc.server.job.JobEngine;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.JobStore;
import org.osc.server.job.Runner;
import org.osc.server.job.TaskRecord;
import org.osc.server.leader.Leadership;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The server's one job engine over the database store. In the server, it leaves the jobs a previous run (or
 * another replica) left unfinished as they are: the leader takes them over ({@code org.osc.server.handoff}) — it
 * runs the QUEUED ones and ends the RUNNING ones no one will finish. Built outside OSGi, it aborts them at start.
 */
@Component(service = JobService.class, immediate = true, configurationPid = JobService.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = JobService.Config.class)
public class JobService {

    /** Configuration PID, set by the server from its settings ({@code osc.jobs.*}). */
    public static final String PID = "org.osc.server.jobs";

    /** The job service's configuration. */
    @ObjectClassDefinition(name = "OSC jobs", description = "Set by OSC from etc/osc.properties (osc.jobs.*)")
    public @interface Config {
        /** @return how many jobs run at once */
        int threads();

        /** @return how long one task may run, in seconds; 0 for no limit */
        long taskTimeoutSeconds();

        /**
         * @return how often the leader looks for QUEUED jobs other replicas stored, in seconds (on PostgreSQL it
         *     is also woken at once by a notification; this poll catches what a notification missed)
         */
        long adoptPollSeconds() default 5;
    }

    private final JobStore store;
    private final JobEngine engine;
    private final int threads;
    private final Duration adoptPoll;

    /**
     * Starts the engine with the configured number of threads and task timeout, leaving unfinished jobs in the
     * store to the leader's takeover.
     */
    @Activate
    public JobService(@Reference JobStore store, Config config) {
        this(store, config.threads(), Duration.ofSeconds(config.taskTimeoutSeconds()),
                Duration.ofSeconds(Math.max(1, config.adoptPollSeconds())), false);
    }

    /**
     * Starts an engine over the store.
     *
     * @param threads how many jobs run at once
     * @param taskTimeout how long one task may run; zero for no limit
     */
    public JobService(JobStore store, int threads, Duration taskTimeout) {
        this(store, threads, taskTimeout, Duration.ofSeconds(5), true);
    }

    /**
     * Starts an engine over the store.
     *
     * @param threads how many jobs run at once
     * @param taskTimeout how long one task may run; zero for no limit
     * @param adoptPoll how often the leader looks for QUEUED jobs other replicas stored
     * @param abortLeftovers whether to abort the jobs the store shows unfinished (a single process without the
     *     handoff); false leaves them to the leader's takeover
     */
    public JobService(JobStore store, int threads, Duration taskTimeout, Duration adoptPoll, boolean abortLeftovers) {
        this.store = store;
        this.threads = threads;
        this.adoptPoll = adoptPoll;
        this.engine = new JobEngine(store, taskTimeout);
        if (abortLeftovers) {
            engine.start();
        } else {
            engine.startKeepingLeftovers();
        }
    }

    /**
     * The server's election: the jobs this replica stores and adopts name it as their runner, with the fencing
     * token of its term, while it leads; a follower's name none ({@link Runner#NONE}). A bind method rather than a
     * constructor argument, as in {@code ReconcileService}: the constructor for tests has the same arity.
     */
    @Reference
    void bindLeadership(Leadership election) {
        follow(election);
    }

    /** Names this replica as the runner of the jobs it stores and adopts while the election says it leads. */
    public void follow(Leadership election) {
        engine.runAs(() -> runner(election));
    }

    /** @return who runs the jobs stored now: this replica in its term while it leads, else no one */
    static Runner runner(Leadership election) {
        OptionalLong token = election.fencingToken();
        if (token.isEmpty()) {
            return Runner.NONE;
        }
        return election.fenced() ? Runner.leader(election.identity(), token.getAsLong())
                : Runner.sole(election.identity());
    }

    /** @return how often the leader looks for QUEUED jobs other replicas stored */
    public Duration adoptPoll() {
        return adoptPoll;
    }

    /** @return how many jobs run at once: the reconcile loop's workers */
    public int threads() {
        return threads;
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    /** @return the engine, for callers that need its whole API (prepared jobs, listeners) */
    public JobEngine engine() {
        return engine;
    }

    /**
     * Waits until the job completes and returns its final record.
     *
     * @throws TimeoutException when it has not completed within the timeout
     */
    public JobRecord await(long jobId, Duration timeout) throws InterruptedException, TimeoutException {
        return engine.await(jobId, timeout);
    }

    /** @return the job, when it exists */
    public Optional<JobRecord> find(long jobId) {
        return store.findJob(jobId);
    }

    /** @return jobs newest first, optionally of one state, at most limit (0: all) */
    public List<JobRecord> list(JobState state, int limit) {
        return store.listJobs(state, limit);
    }

    /** @return the tasks of a job in order */
    public List<TaskRecord> tasks(long jobId) {
        return store.tasks(jobId);
    }
}
