package org.osc.server.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.osc.server.config.OscSettings;
import org.osc.server.config.OscSettings.Key;
import org.osc.server.job.JobEngine;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.JobStore;
import org.osc.server.job.TaskRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The server's one job engine over the database store. On activation it aborts the jobs a previous run left
 * unfinished (a crash or a kill), then accepts new ones.
 */
@Component(service = JobService.class, immediate = true)
public class JobService {

    private final JobStore store;
    private final JobEngine engine;
    private final int threads;

    /** Starts the engine with the configured number of threads and task timeout. */
    @Activate
    public JobService(@Reference JobStore store) {
        this.store = store;
        OscSettings settings = OscSettings.load();
        this.threads = settings.getInt(Key.JOB_THREADS);
        this.engine = new JobEngine(store, Duration.ofSeconds(settings.getInt(Key.TASK_TIMEOUT_SECONDS)));
        engine.start();
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
