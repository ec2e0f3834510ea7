package org.osc.server.reconcile;

import org.osc.server.domain.ObjectType;
import org.osc.server.job.JobGraph;

/**
 * Brings one root object's external state (plugins, cluster) to what the database says, idempotently.
 *
 * <p>A reconciler only plans: {@link #plan(long)} returns the job whose tasks read the object's desired state
 * from the database and observed state from the plugins when they run (not when planned), apply the
 * difference, and, for an object marked for deletion, remove its external state and then its row. Running the
 * job twice in a row makes no second change. {@link ReconcileService} runs the job and decides from how it
 * ended: a task that throws makes the job fail, and {@link Failures} says whether the object is retried with
 * backoff (transient) or waits for a change (terminal); a task that wants a recheck without failing calls
 * {@link org.osc.server.job.TaskContext#requeueAfter}. A reconciler that concerns another object asks for its
 * reconcile through {@link ReconcileQueue}.
 */
public interface Reconciler {

    /** @return the type of object this reconciler handles */
    ObjectType type();

    /**
     * Plans the reconcile of one object. Cheap: it may read the object's name, never call a plugin.
     *
     * @param id the object's id
     * @return the job graph, which {@link ReconcileService} adds the object reference to; null when the object
     *     does not exist (then there is nothing to do); a task that finds it gone fails with
     *     {@link TerminalException}
     */
    JobGraph plan(long id);
}
