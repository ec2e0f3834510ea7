package org.osc.server.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named chain of tasks, built by a reconciler and handed to {@link JobEngine#submit} or {@link JobEngine#prepare}:
 *
 * <pre>{@code
 * JobGraph.named("Sync security group 'web'")
 *         .object(ObjectRef.of("SECURITY_GROUP", 12))
 *         .then("Sync port group", ctx -> ...)
 *         .then("Sync bindings", ctx -> ...);
 * }</pre>
 *
 * <p>Tasks run in the order they were added, each after the one before passed: a task that fails fails the job,
 * and the tasks after it are skipped (recorded as such, with the failed task's name). Each task records its
 * predecessor, which is how the REST view shows the order. Not thread-safe: build it in one thread, then hand it
 * over.
 */
public final class JobGraph {

    /** One task of the chain; its predecessor (none for the first) is a position in {@link #tasks()}. */
    record Node(String name, Task task, List<Integer> predecessors) {
    }

    private final String name;
    private final Set<ObjectRef> objects = new LinkedHashSet<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private JobGraph(String name) {
        this.name = requireText(name, "Job name");
    }

    /** Starts a graph for a job with this (human-readable) name. */
    public static JobGraph named(String name) {
        return new JobGraph(name);
    }

    /** Declares a domain object this job is about (shown with the job, and used to find an object's last job). */
    public JobGraph object(ObjectRef object) {
        objects.add(Objects.requireNonNull(object, "object"));
        return this;
    }

    /**
     * Adds a task that runs after the task added last (first of all if there is none).
     *
     * @param taskName unique within this graph
     * @param task the work
     * @throws IllegalArgumentException on a blank or duplicate name
     */
    public JobGraph then(String taskName, Task task) {
        requireText(taskName, "Task name");
        Objects.requireNonNull(task, "task");
        if (!names.add(taskName)) {
            throw new IllegalArgumentException("Duplicate task name '" + taskName + "' in job '" + name + "'");
        }
        List<Integer> predecessor = nodes.isEmpty() ? List.of() : List.of(nodes.size() - 1);
        nodes.add(new Node(taskName, task, predecessor));
        return this;
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
