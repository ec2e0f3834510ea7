package org.osc.server.job;

import java.util.ArrayList;
import java.util.List;

/**
 * For the engine's tests: a job body that takes named steps in order and stops at the first that fails, as a
 * reconciler does, and a way to run it on a thread of its own (the engine runs jobs on the caller's thread).
 */
final class Chain {

    private final String name;
    private final List<ObjectRef> objects = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();

    private Chain(String name) {
        this.name = name;
    }

    static Chain named(String name) {
        return new Chain(name);
    }

    Chain object(ObjectRef object) {
        objects.add(object);
        return this;
    }

    Chain then(String taskName, Task task) {
        names.add(taskName);
        tasks.add(task);
        return this;
    }

    /** Runs the steps in order; the first that throws ends the body. */
    JobBody<Void> body() {
        return context -> {
            for (int i = 0; i < tasks.size(); i++) {
                context.step(names.get(i), tasks.get(i));
            }
            return null;
        };
    }

    PreparedJob prepare(JobEngine engine) {
        return engine.prepare(name, objects);
    }

    /** Prepares the job and runs it on the calling thread. */
    static JobOutcome<Void> run(JobEngine engine, Chain chain) {
        return engine.run(chain.prepare(engine), chain.body(), null);
    }

    /** Prepares the job and runs it on a new thread; returns its id at once. */
    static long submit(JobEngine engine, Chain chain) {
        PreparedJob job = chain.prepare(engine);
        Thread thread = new Thread(() -> engine.run(job, chain.body(), null), "test-job-" + job.id());
        thread.setDaemon(true);
        thread.start();
        return job.id();
    }
}
