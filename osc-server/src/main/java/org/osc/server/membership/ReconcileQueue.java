package org.osc.server.membership;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.osc.server.domain.ObjectType;
import org.osc.server.reconcile.ReconcileService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconcile requests from cluster events, handed to {@link ReconcileService} on a thread of their own and
 * coalesced while they wait: a burst of pod events for one group (a Deployment of 500 pods starting) becomes
 * one request, not 500 job submissions, and the platform's event threads never wait for the database.
 * {@link ReconcileService} coalesces again with jobs already queued, so the two layers together keep at most one
 * waiting job per object.
 */
@Component(service = ReconcileQueue.class)
public class ReconcileQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileQueue.class);

    /** Where a request ends up: {@link ReconcileService} in the server, a recorder in tests. */
    @FunctionalInterface
    public interface Sink {
        /** Requests the reconcile of one object. */
        void reconcile(ObjectType type, long id);
    }

    private record Key(ObjectType type, long id) {
    }

    private final Sink sink;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final Set<Key> pending = new LinkedHashSet<>();
    private boolean draining;

    /** The server's queue: requests go to the reconcile service from one daemon thread. */
    @Activate
    public ReconcileQueue(@Reference ReconcileService reconcile) {
        this.ownExecutor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "osc-membership-reconcile");
            thread.setDaemon(true);
            return thread;
        });
        this.executor = ownExecutor;
        this.sink = (type, id) -> reconcile.reconcile(type, id);
    }

    /**
     * A queue over any sink and executor (tests pass {@code Runnable::run} to see requests at once).
     *
     * @param sink where requests go
     * @param executor runs the draining loop
     */
    public ReconcileQueue(Sink sink, Executor executor) {
        this.sink = sink;
        this.executor = executor;
        this.ownExecutor = null;
    }

    /** Asks for a reconcile of the object; joins a request for it that has not been handed on yet. */
    public void request(ObjectType type, long id) {
        synchronized (pending) {
            if (!pending.add(new Key(type, id)) || draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // Deactivated while a platform still reported: nothing to hand requests to any more.
            synchronized (pending) {
                pending.clear();
                draining = false;
            }
        }
    }

    private void drain() {
        while (true) {
            List<Key> batch;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    draining = false;
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            for (Key key : batch) {
                try {
                    sink.reconcile(key.type(), key.id());
                } catch (RuntimeException e) {
                    // E.g. no reconciler running yet: the next event or the periodic resync asks again.
                    LOG.warn("Could not request the reconcile of {} {}: {}", key.type(), key.id(), e.getMessage());
                }
            }
        }
    }

    @Deactivate
    void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }
}
