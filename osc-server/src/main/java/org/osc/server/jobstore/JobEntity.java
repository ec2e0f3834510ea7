package org.osc.server.jobstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.JobStatus;
import org.osc.server.job.Runner;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/** A job row, with the objects it is about. */
@Entity
@Table(name = "job")
public class JobEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 255)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private JobState state;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private JobStatus status;

    @Column(name = "failure_reason", length = 4000)
    private String failureReason;

    @Column(nullable = false)
    private Instant queued;

    private Instant started;

    private Instant completed;

    @Column(name = "task_count", nullable = false)
    private int taskCount;

    @Column(name = "task_completed", nullable = false)
    private int taskCompleted;

    @Column(name = "started_by", length = 255)
    private String startedBy;

    /** The replica that runs the job (or ran it, or took it over); null: none (migration V12). */
    @Column(length = 253)
    private String runner;

    /** The fencing token of the runner's term of leadership: every write of a run compares it. */
    @Column(name = "runner_epoch", nullable = false)
    private long runnerEpoch;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "job_object", joinColumns = @JoinColumn(name = "job_id"))
    @OrderColumn(name = "position")
    private List<ObjectRefColumns> objects = new ArrayList<>();

    protected JobEntity() {
        // for Hibernate
    }

    JobEntity(JobRecord initial, Runner runner) {
        this.name = Text.clip(initial.name(), 255);
        this.runner = runner.identity();
        this.runnerEpoch = runner.epoch();
        this.queued = initial.queued();
        this.startedBy = Text.clip(initial.startedBy(), 255);
        initial.objects().forEach(o -> objects.add(new ObjectRefColumns(o)));
        update(initial);
    }

    Long getId() {
        return id;
    }

    String getRunner() {
        return runner;
    }

    void update(JobRecord job) {
        this.state = job.state();
        this.status = job.status();
        this.failureReason = Text.clip(job.failureReason(), 4000);
        this.started = job.started();
        this.completed = job.completed();
        this.taskCount = job.taskCount();
        this.taskCompleted = job.taskCompleted();
    }

    JobRecord toRecord() {
        return new JobRecord(id, name, state, status, failureReason, queued, started, completed, taskCount,
                taskCompleted, objects.stream().map(ObjectRefColumns::toRef).toList(), startedBy, runner);
    }
}
