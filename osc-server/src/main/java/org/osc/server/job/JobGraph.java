package org.osc.server.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A named graph of tasks with dependencies, built by a reconciler and handed to {@link JobEngine#submit}:
 *
 * <pre>{@code
 * JobGraph.named("Sync security group 'web'")
 *         .object(ObjectRef.of("SECURITY_GROUP", 12))
 *         .task("Update manager group", ctx -> ...)
 *         .task("Update port group", ctx -> ..., after("Update manager group"));
 * }</pre>
 *
 * <p>A task may only name predecessors added before it, so a graph can never have a cycle and the order of
 * addition is a valid execution order. Not thread-safe: build it in one thread, then submit it.
 */
public final class JobGraph {

    /** One task of the graph; predecessors are positions in {@link #tasks()}. */
    record Node(String name, Task task, List<Integer> predecessors) {
    }

    private final String name;
    private final Set<ObjectRef> objects = new LinkedHashSet<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();

    private JobGraph(String name) {
        this.name = requireText(name, "Job name");
    }

    /** Starts a graph for a job with this (human-readable) name. */
    public static JobGraph named(String name) {
        return new JobGraph(name);
    }

    /** Reads well as the last argument of {@link #task(String, Task, String...)}: the predecessors' names. */
    public static String[] after(String... taskNames) {
        return taskNames.clone();
    }

    /** Declares a domain object this job is about (shown with the job, and used to find an object's last job). */
    public JobGraph object(ObjectRef object) {
        objects.add(Objects.requireNonNull(object, "object"));
        return this;
    }

    /**
     * Adds a task.
     *
     * @param taskName unique within this graph
     * @param task the work
     * @param predecessors names of tasks already added that must pass before this one starts
     * @throws IllegalArgumentException on a duplicate name or an unknown predecessor
     */
    public JobGraph task(String taskName, Task task, String... predecessors) {
        requireText(taskName, "Task name");
        Objects.requireNonNull(task, "task");
        if (positions.containsKey(taskName)) {
            throw new IllegalArgumentException("Duplicate task name '" + taskName + "' in job '" + name + "'");
        }
        Set<Integer> before = new LinkedHashSet<>();
        for (String predecessor : predecessors) {
            Integer position = positions.get(predecessor);
            if (position == null) {
                throw new IllegalArgumentException("Task '" + taskName + "' depends on '" + predecessor
                        + "', which is not (yet) in job '" + name + "'");
            }
            before.add(position);
        }
        positions.put(taskName, nodes.size());
        nodes.add(new Node(taskName, task, List.copyOf(before)));
        return this;
    }

    /** Adds a task that runs after the task added last (or first of all if there is none): a chain. */
    public JobGraph then(String taskName, Task task) {
        return nodes.isEmpty() ? task(taskName, task) : task(taskName, task, nodes.get(nodes.size() - 1).name());
    }

    /** The job's name. */
    public String name() {
        return name;
    }

    /** The declared objects, in declaration order. */
    public List<ObjectRef> objects() {
        return List.copyOf(objects);
    }

    /** The number of tasks. */
    public int size() {
        return nodes.size();
    }

    List<Node> tasks() {
        return Collections.unmodifiableList(nodes);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
