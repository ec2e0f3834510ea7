package org.osc.server.jobstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.osc.server.job.TaskRecord;
import org.osc.server.job.TaskState;
import org.osc.server.job.TaskStatus;

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

/** A task row, with its predecessors and the objects it affected. */
@Entity
@Table(name = "task")
public class TaskEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "job_id", nullable = false)
    private long jobId;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false, length = 255)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TaskState state;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private TaskStatus status;

    @Column(name = "failure_reason", length = 4000)
    private String failureReason;

    private Instant started;

    private Instant completed;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "task_predecessor", joinColumns = @JoinColumn(name = "task_id"))
    @Column(name = "predecessor_id")
    @OrderColumn(name = "position")
    private List<Long> predecessorIds = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "task_object", joinColumns = @JoinColumn(name = "task_id"))
    @OrderColumn(name = "position")
    private List<ObjectRefColumns> objects = new ArrayList<>();

    protected TaskEntity() {
        // for Hibernate
    }

    TaskEntity(long jobId, int position, String name) {
        this.jobId = jobId;
        this.position = position;
        this.name = Text.clip(name, 255);
        this.state = TaskState.RUNNING;
    }

    Long getId() {
        return id;
    }

    long getJobId() {
        return jobId;
    }

    void setPredecessorIds(List<Long> ids) {
        predecessorIds.clear();
        predecessorIds.addAll(ids);
    }

    void update(TaskRecord task) {
        this.state = task.state();
        this.status = task.status();
        this.failureReason = Text.clip(task.failureReason(), 4000);
        this.started = task.started();
        this.completed = task.completed();
        // most transitions keep the objects: rewriting their rows each time would cost statements for nothing
        if (!objects.stream().map(ObjectRefColumns::toRef).toList().equals(task.objects())) {
            this.objects.clear();
            task.objects().forEach(o -> objects.add(new ObjectRefColumns(o)));
        }
    }

    TaskRecord toRecord() {
        return new TaskRecord(id, jobId, position, name, state, status, failureReason, List.copyOf(predecessorIds),
                objects.stream().map(ObjectRefColumns::toRef).toList(), started, completed);
    }
}
