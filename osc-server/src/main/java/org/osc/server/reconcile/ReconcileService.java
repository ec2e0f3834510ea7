package org.osc.server.reconcile;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osc.server.domain.ObjectType;
import org.osc.server.error.UnprocessableException;
import org.osc.server.job.JobRecord;
import org.osc.server.job.ObjectRef;
import org.osc.server.jobs.JobService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The one way to reconcile a root object: plans it with the object's {@link Reconciler} and submits the job
 * locked on the object, so two reconciles of the same object never run at once, and a reconcile asked for
 * while one is already queued joins the queued one instead of adding another.
 */
@Component(service = ReconcileService.class)
public class ReconcileService {

    private final JobService jobs;
    private final Map<ObjectType, Reconciler> reconcilers = new ConcurrentHashMap<>();

    /** A service submitting through the given job service. */
    @Activate
    public ReconcileService(@Reference JobService jobs) {
        this.jobs = jobs;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReconciler(Reconciler reconciler) {
        reconcilers.put(reconciler.type(), reconciler);
        reconciler.attach(this);
    }

    void removeReconciler(Reconciler reconciler) {
        reconcilers.remove(reconciler.type(), reconciler);
    }

    /** Registers a reconciler outside OSGi (tests). */
    public void register(Reconciler reconciler) {
        addReconciler(reconciler);
    }

    /**
     * Queues a reconcile of the object (or returns the one already queued for it).
     *
     * @return the job id
     */
    public long reconcile(ObjectType type, long id) {
        Reconciler reconciler = reconcilers.get(type);
        if (reconciler == null) {
            throw new UnprocessableException("type", "No reconciler for " + type + " is running");
        }
        ObjectRef ref = type.ref(id);
        return jobs.engine().submitIfAbsent(ref, () -> reconciler.plan(id).object(ref).lockOn(ref));
    }

    /** @return the newest job about the object, for {@code lastJobId/State/Status} */
    public Optional<JobRecord> lastJob(ObjectType type, long id) {
        return jobs.lastJobFor(type.ref(id));
    }
}
