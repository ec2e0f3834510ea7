package org.osc.server.membership;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osc.platform.api.Workload;
import org.osc.platform.api.WorkloadEvents;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupMember;
import org.osc.server.log.LogSafe;
import org.osc.server.metrics.MembershipLatency;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.StoreChanges;
import org.osc.server.reconcile.ReconcileQueue;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the platforms' pod reports into reconcile requests for exactly the security groups concerned: those whose
 * label members (within their namespace filter, and {@code protectAll} groups) match the pod before <em>or</em>
 * after the change, so that a pod leaving a group is removed as surely as one joining is added. The decision
 * stays with the group's reconciler, which reads the pods again when it runs.
 *
 * <p>The index of groups is read from the database again after a group or member row changed: the store tells
 * every committed change ({@link StoreChanges}) on the committing thread, before the writer requests its
 * reconcile, and the index is read after that, so an event is never routed with an index older than the
 * reconcile that last read the pods: no pod change falls between the two. When the database does not answer, a
 * change is routed with the index read last, and every group of its connector is asked for as soon as the index
 * can be read again (retried after 100 ms, doubling up to 1 s): a pod created during an outage is not lost until
 * the periodic resync.
 */
@Component(service = {WorkloadEvents.class, MembershipRouter.class})
public class MembershipRouter implements WorkloadEvents {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipRouter.class);
    private static final Duration RETRY_FIRST = Duration.ofMillis(100);
    /** As often as the reconcile loop asks a missing database: a failed read costs nothing while it is away. */
    private static final Duration RETRY_CAP = Duration.ofSeconds(1);

    private record Snapshot(long version, MembershipIndex index) {
    }

    private final Database database;
    private final ReconcileQueue queue;
    /** Moves after every committed change of a group or member row. */
    private final AtomicLong version = new AtomicLong();
    private final Consumer<StoreChanges.Change> changes = change -> {
        if (change.type() == SecurityGroup.class || change.type() == SecurityGroupMember.class) {
            version.incrementAndGet();
        }
    };
    private volatile Snapshot snapshot;
    private final Set<Long> resyncedConnectors = ConcurrentHashMap.newKeySet();
    private final Supplier<MembershipIndex> loader;
    /** Connectors with a change not routed for want of the database: all their groups are asked for later. */
    private final Set<Long> unrouted = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService retries;
    private final Duration firstRetry;
    // guarded by this
    private boolean retryDue;
    private Duration retryDelay;

    /**
     * @param database where the groups are
     * @param queue where reconcile requests go
     */
    @Activate
    public MembershipRouter(@Reference Database database, @Reference ReconcileQueue queue) {
        this(database, queue, () -> database.inTransaction(MembershipIndex::load), RETRY_FIRST);
    }

    /**
     * @param loader reads the index from the database
     * @param firstRetry how long after a failed read routing is tried again (doubling up to {@link #RETRY_CAP})
     */
    MembershipRouter(Database database, ReconcileQueue queue, Supplier<MembershipIndex> loader,
            Duration firstRetry) {
        this.database = database;
        this.queue = queue;
        this.loader = loader;
        this.firstRetry = firstRetry;
        this.retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "osc-membership-retry");
            thread.setDaemon(true);
            return thread;
        });
        database.changes().addListener(changes);
    }

    @Deactivate
    void deactivate() {
        database.changes().removeListener(changes);
        retries.shutdownNow();
    }

    @Override
    public void workloadsChanged(long connectorId, Workload before, Workload after) {
        long received = System.nanoTime();
        MembershipIndex index;
        try {
            index = index();
        } catch (RuntimeException e) {
            // The database is unreachable: route with the index read last, and every group of the connector once
            // the database answers again, so that a change the old index does not know of is not lost either.
            notRouted(connectorId, "Pod change", e);
            index = snapshot == null ? null : snapshot.index();
            if (index == null) {
                return;
            }
        }
        Set<Long> groups = new TreeSet<>();
        if (before != null) {
            groups.addAll(index.groups(connectorId, before));
        }
        if (after != null) {
            groups.addAll(index.groups(connectorId, after));
        }
        groups.forEach(id -> {
            MembershipLatency.received(id, received);
            queue.request(ObjectType.SECURITY_GROUP, id);
        });
    }

    @Override
    public void resynced(long connectorId) {
        resyncedConnectors.add(connectorId);
        try {
            Set<Long> groups = index().all(connectorId);
            LOG.info("Connector {} resynced: reconciling its {} security group(s)", connectorId, groups.size());
            groups.forEach(id -> queue.request(ObjectType.SECURITY_GROUP, id));
        } catch (RuntimeException e) {
            notRouted(connectorId, "Resync", e);
        }
    }

    /** Remembers a connector whose change could not be routed and schedules the retry, backing off. */
    private void notRouted(long connectorId, String what, RuntimeException e) {
        if (unrouted.add(connectorId)) {
            LOG.warn("{} on connector {} not routed yet ({}); its groups are reconciled once the database answers",
                    what, connectorId, LogSafe.of(e.getMessage()));
        }
        scheduleRetry();
    }

    private synchronized void scheduleRetry() {
        if (retryDue || retries.isShutdown()) {
            return;
        }
        retryDue = true;
        retryDelay = retryDelay == null ? firstRetry
                : retryDelay.multipliedBy(2).compareTo(RETRY_CAP) > 0 ? RETRY_CAP : retryDelay.multipliedBy(2);
        retries.schedule(this::retryRouting, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for every group of the connectors whose changes were not routed, once the index can be read. */
    private void retryRouting() {
        synchronized (this) {
            retryDue = false;
        }
        try {
            MembershipIndex index = index();
            for (Long connectorId : List.copyOf(unrouted)) {
                Set<Long> groups = index.all(connectorId);
                groups.forEach(id -> queue.request(ObjectType.SECURITY_GROUP, id));
                unrouted.remove(connectorId);
                LOG.info("Connector {}: changes routed after the database came back ({} security group(s))",
                        connectorId, groups.size());
            }
            synchronized (this) {
                retryDelay = null;
            }
        } catch (RuntimeException e) {
            scheduleRetry();
        }
    }

    /** @return whether the platform reported a complete read of the connector's cluster since this started */
    public boolean hasResynced(long connectorId) {
        return resyncedConnectors.contains(connectorId);
    }

    /** @return the index, read again when a group or member row changed since it was read */
    MembershipIndex index() {
        Snapshot current = snapshot;
        if (current != null && current.version() == version.get()) {
            return current.index();
        }
        synchronized (this) {
            current = snapshot;
            // Read before loading: a write committing during the load moves it again and forces another load.
            long now = version.get();
            if (current == null || current.version() != now) {
                current = new Snapshot(now, loader.get());
                snapshot = current;
            }
            return current.index();
        }
    }
}
