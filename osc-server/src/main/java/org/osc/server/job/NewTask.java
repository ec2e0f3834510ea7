package org.osc.server.job;

import java.util.List;
import java.util.Objects;

/**
 * A task to create with its job, see {@link NewJob}.
 *
 * @param name the task's name, unique within the job
 * @param predecessors positions (in {@link NewJob#tasks()}) of the tasks that must pass first; each is smaller
 *     than this task's own position, so the list order is a valid execution order
 */
public record NewTask(String name, List<Integer> predecessors) {

    public NewTask {
        Objects.requireNonNull(name, "name");
        predecessors = List.copyOf(predecessors);
    }
}
