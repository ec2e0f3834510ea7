package org.osc.server.reconcile;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osc.server.domain.ObjectType;
import org.osc.server.job.StartedBy;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Where every event source asks for reconciles: informers, REST writes, plugins arriving, leaving or pushing,
 * the periodic resync, and reconcilers whose work concerns another object. Asking is an in-memory operation
 * (no database, no job), so event threads may call it freely: an object asked for many times while it waits is
 * reconciled once, and an object asked for while its reconcile runs is reconciled once more afterwards.
 * {@link ReconcileService} takes the keys from here and runs them.
 *
 * <p>No dependencies on purpose: reconcilers ask for other objects' reconciles through it, which a reference to
 * {@link ReconcileService} (which tracks the reconcilers) would make a cycle.
 */
@Component(service = ReconcileQueue.class)
public class ReconcileQueue {

    private final WorkQueue<ReconcileKey> queue;
    /** Who asked first for each key waiting to be taken ({@link StartedBy}); its job shows it. */
    private final Map<ReconcileKey, String> origins = new ConcurrentHashMap<>();

    /** A queue with the default backoff: 100 ms doubling to 5 minutes. */
    public ReconcileQueue() {
        this(new WorkQueue<>());
    }

    /** A queue over the given work queue (tests choose its clock and backoff). */
    public ReconcileQueue(WorkQueue<ReconcileKey> queue) {
        this.queue = queue;
    }

    /** Asks for a reconcile of the object. */
    public void request(ObjectType type, long id) {
        ReconcileKey key = new ReconcileKey(type, id);
        String who = StartedBy.current();
        origins.putIfAbsent(key, who == null ? StartedBy.CLUSTER : who);
        queue.add(key);
    }

    /**
     * @return who asked first for the key since it was last taken, and forgets it; {@link StartedBy#RETRY} when
     *     no one did (the loop queued it again after a failure or a requeue)
     */
    String takeOrigin(ReconcileKey key) {
        String who = origins.remove(key);
        return who == null ? StartedBy.RETRY : who;
    }

    /** Asks for a reconcile of each object. */
    public void requestAll(ObjectType type, Collection<Long> ids) {
        ids.forEach(id -> request(type, id));
    }

    /** @return whether nothing is queued or being reconciled (retries not due yet do not count) */
    public boolean isIdle() {
        return queue.isIdle();
    }

    WorkQueue<ReconcileKey> queue() {
        return queue;
    }

    @Deactivate
    void close() {
        queue.shutDown();
    }
}
