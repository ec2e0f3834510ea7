package org.osc.server.job;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link TaskContext} of one task execution. A task may hand it to threads of its own, hence the locking. */
final class RunningTaskContext implements TaskContext {

    private static final Logger LOG = LoggerFactory.getLogger(RunningTaskContext.class);

    private final long jobId;
    private final String taskName;
    private final Set<ObjectRef> objects = new LinkedHashSet<>(); // guarded by itself

    RunningTaskContext(long jobId, String taskName) {
        this.jobId = jobId;
        this.taskName = taskName;
    }

    @Override
    public long jobId() {
        return jobId;
    }

    @Override
    public String taskName() {
        return taskName;
    }

    @Override
    public void addObject(ObjectRef object) {
        Objects.requireNonNull(object, "object");
        synchronized (objects) {
            objects.add(object);
        }
    }

    @Override
    public void status(String line) {
        LOG.info("Job {} task '{}': {}", jobId, taskName, line);
    }

    List<ObjectRef> objects() {
        synchronized (objects) {
            return List.copyOf(objects);
        }
    }
}
