package org.osc.server.membership;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.osc.platform.api.Workload;
import org.osc.platform.api.WorkloadEvents;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupMember;
import org.osc.server.log.LogSafe;
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
 * reconcile that last read the pods: no pod change falls between the two.
 */
@Component(service = {WorkloadEvents.class, MembershipRouter.class})
public class MembershipRouter implements WorkloadEvents {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipRouter.class);

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
    private final Set<Long> resyncedConnectors = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param database where the groups are
     * @param queue where reconcile requests go
     */
    @Activate
    public MembershipRouter(@Reference Database database, @Reference ReconcileQueue queue) {
        this.database = database;
        this.queue = queue;
        database.changes().addListener(changes);
    }

    @Deactivate
    void deactivate() {
        database.changes().removeListener(changes);
    }

    @Override
    public void workloadsChanged(long connectorId, Workload before, Workload after) {
        try {
            MembershipIndex index = index();
            Set<Long> groups = new TreeSet<>();
            if (before != null) {
                groups.addAll(index.groups(connectorId, before));
            }
            if (after != null) {
                groups.addAll(index.groups(connectorId, after));
            }
            groups.forEach(id -> queue.request(ObjectType.SECURITY_GROUP, id));
        } catch (RuntimeException e) {
            // The database is unreachable: the periodic resync reconciles every group once it is back.
            LOG.warn("Pod change on connector {} not routed: {}", connectorId, LogSafe.of(e.getMessage()));
        }
    }

    @Override
    public void resynced(long connectorId) {
        resyncedConnectors.add(connectorId);
        try {
            Set<Long> groups = index().all(connectorId);
            LOG.info("Connector {} resynced: reconciling its {} security group(s)", connectorId, groups.size());
            groups.forEach(id -> queue.request(ObjectType.SECURITY_GROUP, id));
        } catch (RuntimeException e) {
            LOG.warn("Resync of connector {} not routed: {}", connectorId, LogSafe.of(e.getMessage()));
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
                current = new Snapshot(now, database.inTransaction(MembershipIndex::load));
                snapshot = current;
            }
            return current.index();
        }
    }
}
