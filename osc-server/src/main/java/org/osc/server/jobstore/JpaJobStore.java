package org.osc.server.jobstore;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.hibernate.Session;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.JobStatus;
import org.osc.server.job.JobStore;
import org.osc.server.job.JobTakenOverException;
import org.osc.server.job.NewJob;
import org.osc.server.job.Runner;
import org.osc.server.job.TaskRecord;
import org.osc.server.job.TaskState;
import org.osc.server.job.TaskStatus;
import org.osc.server.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Jobs and tasks in the server's database; every call is its own committed transaction. On PostgreSQL, storing a
 * job notifies {@link #JOBS_CHANNEL} in the same transaction (delivered on commit only, with the job's id), so
 * the leader adopts a job another replica stored at once ({@code org.osc.server.handoff}).
 *
 * <p>Fencing: a run's write, an adoption and a takeover each begin with one conditional {@code UPDATE} of the
 * job's row (its runner and epoch, columns of migration V12); the database checks the condition on the row's
 * latest version under its row lock and keeps the lock until the transaction ends, so a takeover and a late write
 * of the run it took over are ordered, and the loser changes nothing: not the job, not its tasks.
 */
@Component(service = JobStore.class)
public class JpaJobStore implements JobStore {

    /** The PostgreSQL notification channel told of every job stored; the payload is the job's id. */
    public static final String JOBS_CHANNEL = "osc_jobs";

    private static final String UPDATE = "update JobEntity set state = :state, status = :status,"
            + " failureReason = :reason, started = :started, completed = :completed, taskCount = :count,"
            + " taskCompleted = :done where id = :id and runnerEpoch = :epoch and ";
    private static final String UPDATE_NAMED = UPDATE + "runner = :runner";
    private static final String UPDATE_UNNAMED = UPDATE + "runner is null";

    private final Database database;
    private final boolean notifies;

    /** A store in the given database. */
    @Activate
    public JpaJobStore(@Reference Database database) {
        this.database = database;
        this.notifies = "PostgreSQL".equals(database.kind());
    }

    @Override
    public long create(NewJob job) {
        return database.inTransaction(session -> {
            JobEntity entity = new JobEntity(job.toRecord(0), job.runner());
            session.persist(entity);
            if (notifies) {
                long id = entity.getId();
                session.doWork(connection -> {
                    try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                        notify.setString(1, JOBS_CHANNEL);
                        notify.setString(2, Long.toString(id));
                        notify.execute();
                    }
                });
            }
            return entity.getId();
        });
    }

    @Override
    public List<TaskRecord> update(Runner runner, JobRecord job, List<TaskRecord> tasks) {
        return database.inTransaction(session -> {
            // one statement checks that the row is still the runner's and writes it (no read of the row first)
            var write = session.createMutationQuery(runner.identity() == null ? UPDATE_UNNAMED : UPDATE_NAMED)
                    .setParameter("state", job.state()).setParameter("status", job.status())
                    .setParameter("reason", Text.clip(job.failureReason(), 4000))
                    .setParameter("started", job.started()).setParameter("completed", job.completed())
                    .setParameter("count", job.taskCount()).setParameter("done", job.taskCompleted())
                    .setParameter("id", job.id()).setParameter("epoch", runner.epoch());
            if (runner.identity() != null) {
                write.setParameter("runner", runner.identity());
            }
            int written = write.executeUpdate();
            if (written == 0) {
                throw new JobTakenOverException(job.id(), job(session, job.id()).getRunner());
            }
            Map<Integer, Long> inserted = new HashMap<>();
            List<TaskRecord> stored = new ArrayList<>(tasks.size());
            for (TaskRecord task : tasks) {
                TaskEntity entity;
                if (task.id() == 0) {
                    entity = new TaskEntity(job.id(), task.position(), task.name());
                    Long before = task.position() == 0 ? null : inserted.containsKey(task.position() - 1)
                            ? inserted.get(task.position() - 1) : taskAt(session, job.id(), task.position() - 1);
                    entity.setPredecessorIds(before == null ? List.of() : List.of(before));
                    entity.update(task);
                    session.persist(entity);
                    inserted.put(task.position(), entity.getId());
                } else {
                    entity = session.find(TaskEntity.class, task.id());
                    if (entity == null || entity.getJobId() != job.id()) {
                        throw new NoSuchElementException("No task " + task.id() + " in job " + job.id());
                    }
                    entity.update(task);
                }
                stored.add(entity.toRecord());
            }
            return stored;
        });
    }

    @Override
    public Optional<JobRecord> claim(long jobId, Runner runner) {
        return database.inTransaction(session -> {
            int taken = session.createMutationQuery("update JobEntity set runner = :runner, runnerEpoch = :epoch"
                    + " where id = :id and state = :queued" + (runner.fenced() ? " and runnerEpoch <= :epoch" : ""))
                    .setParameter("runner", runner.identity()).setParameter("epoch", runner.epoch())
                    .setParameter("id", jobId).setParameter("queued", JobState.QUEUED).executeUpdate();
            return taken == 0 ? Optional.<JobRecord>empty()
                    : Optional.of(session.find(JobEntity.class, jobId).toRecord());
        });
    }

    @Override
    public Optional<JobRecord> endAbandoned(long jobId, Runner runner, String reason, Instant now) {
        return database.inTransaction(session -> {
            // the row is taken (and locked) first: a late write of the run that left it waits, then finds it taken
            int taken = session.createMutationQuery("update JobEntity set runner = :runner, runnerEpoch = :epoch"
                    + " where id = :id and state <> :completed" + (runner.fenced() ? " and runnerEpoch <= :epoch" : ""))
                    .setParameter("runner", runner.identity()).setParameter("epoch", runner.epoch())
                    .setParameter("id", jobId).setParameter("completed", JobState.COMPLETED).executeUpdate();
            if (taken == 0) {
                return Optional.<JobRecord>empty();
            }
            JobEntity job = session.find(JobEntity.class, jobId);
            abort(session, job, reason, now);
            return Optional.of(job.toRecord());
        });
    }

    @Override
    public Optional<JobRecord> findJob(long jobId) {
        return database.read(session -> Optional.ofNullable(session.find(JobEntity.class, jobId))
                .map(JobEntity::toRecord));
    }

    @Override
    public List<JobRecord> listJobs(JobState state, int limit) {
        return database.read(session -> {
            var query = state == null
                    ? session.createSelectionQuery("from JobEntity order by id desc", JobEntity.class)
                    : session.createSelectionQuery("from JobEntity where state = :state order by id desc",
                            JobEntity.class).setParameter("state", state);
            if (limit > 0) {
                query.setMaxResults(limit);
            }
            return query.getResultList().stream().map(JobEntity::toRecord).toList();
        });
    }

    @Override
    public List<TaskRecord> tasks(long jobId) {
        return database.read(session -> tasksOf(session, jobId).stream().map(TaskEntity::toRecord)
                .toList());
    }

    @Override
    public int abortRunning(String reason) {
        Instant now = Instant.now();
        return database.inTransaction(session -> {
            List<JobEntity> open = session.createSelectionQuery(
                    "from JobEntity where state in (:queued, :running)", JobEntity.class)
                    .setParameter("queued", JobState.QUEUED).setParameter("running", JobState.RUNNING)
                    .getResultList();
            for (JobEntity job : open) {
                abort(session, job, reason, now);
            }
            return open.size();
        });
    }

    /** Makes the job COMPLETED / ABORTED with every task of it not completed yet. */
    private static void abort(Session session, JobEntity job, String reason, Instant now) {
        JobRecord record = job.toRecord();
        job.update(new JobRecord(record.id(), record.name(), JobState.COMPLETED, JobStatus.ABORTED, reason,
                record.queued(), record.started(), now, record.taskCount(), record.taskCount(), record.objects(),
                record.startedBy(), record.runner()));
        for (TaskEntity task : tasksOf(session, record.id())) {
            TaskRecord t = task.toRecord();
            if (t.state() != TaskState.COMPLETED) {
                task.update(new TaskRecord(t.id(), t.jobId(), t.position(), t.name(), TaskState.COMPLETED,
                        TaskStatus.ABORTED, reason, t.predecessorIds(), t.objects(), t.started(), now));
            }
        }
    }

    private static JobEntity job(Session session, long id) {
        JobEntity entity = session.find(JobEntity.class, id);
        if (entity == null) {
            throw new NoSuchElementException("No job " + id);
        }
        return entity;
    }

    private static Long taskAt(Session session, long jobId, int position) {
        return session.createSelectionQuery("select id from TaskEntity where jobId = :job and position = :position",
                Long.class).setParameter("job", jobId).setParameter("position", position).uniqueResult();
    }

    private static List<TaskEntity> tasksOf(Session session, long jobId) {
        return session.createSelectionQuery("from TaskEntity where jobId = :job order by position", TaskEntity.class)
                .setParameter("job", jobId).getResultList();
    }
}
