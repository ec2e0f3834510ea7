package org.osc.server.reconcile;

import org.osc.server.domain.ObjectType;
import org.osc.server.job.JobContext;

/**
 * What a {@link Reconciler} gets for one reconcile: the job's {@link JobContext} (each step recorded as a task),
 * and a way to reconcile another object first, inside this job.
 */
public interface ReconcileContext extends JobContext {

    /**
     * Reconciles another object now, on this thread, its steps recorded in this job (named after it): for a change
     * that must happen first and that belongs to that object (a deployment spec being deleted has the bound
     * security groups move their inspection hooks off its VNFs, then removes them). Never two reconciles of one
     * object at once: it waits while a worker reconciles that object (a bounded wait, after which it fails
     * transiently). What the other object's reconcile returns or throws also decides its own retries, as if a
     * worker had run it.
     *
     * @return the other object's result; {@link Result#done()} when it does not exist
     * @throws Exception what the other object's reconcile threw
     */
    Result reconcileNow(ObjectType type, long id) throws Exception;
}
