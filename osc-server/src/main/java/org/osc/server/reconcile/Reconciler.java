package org.osc.server.reconcile;

import org.osc.server.domain.ObjectType;
import org.osc.server.job.JobGraph;

/**
 * Brings one root object's external state (plugins, cluster) to what the database says, idempotently.
 *
 * <p>A reconciler only plans: {@link #plan(long)} returns the job that reads desired state from the database
 * and observed state from the plugins when its tasks run (not when planned), applies the difference, and, for
 * an object marked for deletion, removes its external state and then its row. Running the job twice in a row
 * makes no second change. Events never carry decisions; they only ask for a reconcile of an id.
 */
public interface Reconciler {

    /** @return the type of object this reconciler handles */
    ObjectType type();

    /**
     * Plans the reconcile of one object.
     *
     * @param id the object's id; the job fails with a readable reason when it no longer exists
     * @return the job graph; {@link ReconcileService} adds the object reference and the per-object lock
     */
    JobGraph plan(long id);

    /**
     * Called by the reconcile service when it takes this reconciler on, for reconcilers whose jobs ask for
     * other objects' reconciles. A DS reference back to the service cannot do this: the service tracks the
     * reconcilers, and DS refuses to bind such a cycle.
     *
     * @param service the service that runs this reconciler's jobs
     */
    default void attach(ReconcileService service) {
    }
}
