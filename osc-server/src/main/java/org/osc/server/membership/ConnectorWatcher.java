package org.osc.server.membership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.VirtualizationPlatform;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.job.StartedBy;
import org.osc.server.leader.Leadership;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.log.LogSafe;
import org.osc.server.persistence.Database;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.vc.VirtualizationConnectorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the virtualization platforms which connectors to follow, and reconciles every security group and
 * deployment spec when the server starts (the full resync after a restart: whatever changed while OSC was down;
 * for a connector a platform follows, when the platform reports its first complete read, see
 * {@link #startupResync}) and then periodically, as a backstop for anything no event reported.
 *
 * <p>Connectors have no change events, so the set is read from the database every {@code pollSeconds} (default
 * 5): a new connector is followed within that time, a changed one gets its new settings (the platform rebuilds
 * its watch), a deleted one is no longer followed. Each round calls {@link VirtualizationPlatform#watch} for
 * every connector, which costs nothing when nothing changed, and so also covers a platform that restarted or a
 * higher-ranked one that arrived.
 *
 * <p>Configuration PID {@value #PID}: {@code pollSeconds} (default 5) and {@code resyncSeconds} (default 300,
 * 0 for none), the period of the backstop resync of every group and deployment spec, which the server sets from
 * {@code osc.reconcile.resyncSeconds} ({@code OSC_RESYNC_SECONDS}).
 */
@Component(immediate = true, configurationPid = ConnectorWatcher.PID)
public class ConnectorWatcher {

    /** How long a followed connector's platform has to report its first read before OSC reconciles anyway. */
    static final Duration STARTUP_GRACE = Duration.ofSeconds(60);

    /** Configuration PID. */
    public static final String PID = "org.osc.server.membership";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorWatcher.class);

    /** The component's configuration. */
    public @interface Config {
        /** @return seconds between two reads of the connector set */
        long pollSeconds() default 5;

        /** @return seconds between two reconciles of every group, 0 for none */
        long resyncSeconds() default 300;
    }

    private final Database database;
    private final PlatformRegistry platforms;
    private final ReconcileQueue queue;
    private final Map<Long, VirtualizationPlatform> told = new HashMap<>();
    private final Map<Long, String> lastFailure = new HashMap<>();
    /** Why the connectors could not be read in the last round, null when they could; guarded by this. */
    private String readFailure;
    private final LongPredicate resyncReported;
    private ScheduledExecutorService scheduler;
    private Config config;
    private Leadership leadership;
    /** The periodic tasks of the current term of leadership; empty when this replica does not lead. */
    private final List<ScheduledFuture<?>> term = new ArrayList<>();
    private int termCount;
    /** Runs each start and stop of leadership on the watcher's thread, in order. */
    private final LeadershipListener terms = new LeadershipListener() {
        @Override
        public void startedLeading() {
            execute(ConnectorWatcher.this::startTerm);
        }

        @Override
        public void stoppedLeading() {
            execute(ConnectorWatcher.this::endTerm);
        }
    };

    private void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Leadership change ignored: the watcher stops");
        }
    }

    /**
     * A watcher whose rounds the caller runs ({@link #round()}, {@link #resyncAll()}): for tests.
     *
     * @param database where the connectors and groups are
     * @param platforms the platforms to tell
     * @param queue where reconcile requests go
     */
    public ConnectorWatcher(Database database, PlatformRegistry platforms, ReconcileQueue queue,
            LongPredicate resyncReported) {
        this.database = database;
        this.platforms = platforms;
        this.queue = queue;
        this.resyncReported = resyncReported;
    }

    /**
     * The server's watcher: it follows the clusters only while this replica leads. When it starts leading: first
     * round and full resync at once (every object queued, as at start), then on the configured periods; when it
     * stops: no more rounds nor resyncs, and every cluster is let go (the informers stop).
     */
    @Activate
    public ConnectorWatcher(@Reference Database database, @Reference PlatformRegistry platforms,
            @Reference ReconcileQueue queue, @Reference MembershipRouter router, @Reference Leadership leadership,
            Config config) {
        this(database, platforms, queue, router::hasResynced);
        this.config = config;
        this.leadership = leadership;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "osc-connector-watcher");
            thread.setDaemon(true);
            return thread;
        });
        leadership.addListener(terms);
    }

    /** Starts a term of leadership, on the watcher's thread. */
    private void startTerm() {
        if (!term.isEmpty()) {
            return;
        }
        boolean first = termCount == 0;
        termCount++;
        // the election says who leads at INFO; a single process always does
        LOG.debug("This replica leads: following the clusters and reconciling every object");
        round();
        if (first) {
            Set<Long> followed = startupResync();
            // A platform that never reports its first read (it cannot follow clusters, or the cluster is down):
            // its objects are reconciled anyway.
            term.add(scheduler.schedule(() -> StartedBy.run(StartedBy.STARTUP, () -> resync(followed.stream()
                    .filter(id -> !resyncReported.test(id)).collect(Collectors.toSet()), true)),
                    STARTUP_GRACE.toSeconds(), TimeUnit.SECONDS));
        } else {
            // A platform's earlier report of its first read says nothing of this term: every object now.
            StartedBy.run(StartedBy.STARTUP, () -> resync(Set.of(), false));
        }
        long poll = Math.max(1, config.pollSeconds());
        term.add(scheduler.scheduleWithFixedDelay(this::round, poll, poll, TimeUnit.SECONDS));
        if (config.resyncSeconds() > 0) {
            term.add(scheduler.scheduleWithFixedDelay(this::resyncAll, config.resyncSeconds(),
                    config.resyncSeconds(), TimeUnit.SECONDS));
        }
    }

    /** Ends a term of leadership, on the watcher's thread: no more rounds, and every cluster let go. */
    private void endTerm() {
        if (term.isEmpty()) {
            return;
        }
        term.forEach(task -> task.cancel(false));
        term.clear();
        LOG.info("This replica no longer leads: it stops following the clusters");
        unwatchAll();
    }

    @Deactivate
    void deactivate() {
        if (leadership != null) {
            leadership.removeListener(terms);
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        unwatchAll();
    }

    private synchronized void unwatchAll() {
        told.forEach((id, platform) -> unwatch(platform, id));
        told.clear();
    }

    /** Reads the connectors and tells each one's platform to follow it; unwatches those that are gone. */
    public synchronized void round() {
        List<ConnectorRow> connectors;
        try {
            connectors = database.inTransaction(s -> s.createSelectionQuery("from VirtualizationConnector order by id",
                    VirtualizationConnector.class).getResultList().stream()
                    .map(vc -> new ConnectorRow(vc.getType(), VirtualizationConnectorService.info(vc))).toList());
        } catch (RuntimeException e) {
            // Said once per distinct reason, not every round of a database outage.
            String reason = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
            if (!reason.equals(readFailure)) {
                LOG.warn("Cannot read the virtualization connectors: {}", LogSafe.of(reason));
            }
            readFailure = reason;
            return;
        }
        if (readFailure != null) {
            LOG.info("The virtualization connectors can be read again");
            readFailure = null;
        }
        Map<Long, VirtualizationPlatform> now = new HashMap<>();
        for (ConnectorRow row : connectors) {
            platforms.platform(row.type()).ifPresent(platform -> now.put(row.info().id(), platform));
        }
        // Deleted connectors, and those whose platform left or was outranked: the old platform lets go first.
        told.forEach((id, platform) -> {
            if (now.get(id) != platform) {
                unwatch(platform, id);
            }
        });
        for (ConnectorRow row : connectors) {
            VirtualizationPlatform platform = now.get(row.info().id());
            if (platform != null) {
                watch(platform, row.info());
            }
        }
        told.clear();
        told.putAll(now);
        lastFailure.keySet().retainAll(now.keySet());
    }

    /** Requests a reconcile of every security group, including those being deleted (their job may have died). */
    public void resyncAll() {
        StartedBy.run(StartedBy.RESYNC, () -> resync(Set.of(), false));
    }

    /**
     * The resync at start: every group and deployment spec, except those of the connectors a platform follows
     * now, whose platform reports a resync once its first read of the cluster is complete. Reconciling those
     * before would read the cluster through its API server, once per group, and again after the report: one
     * reconcile per object instead of two. A followed connector whose platform has not reported that read
     * within {@link #STARTUP_GRACE} has its objects reconciled then.
     *
     * @return the connectors left to their platform's report
     */
    public Set<Long> startupResync() {
        Set<Long> followed;
        synchronized (this) {
            followed = new HashSet<>(told.keySet());
            followed.removeAll(lastFailure.keySet());
        }
        StartedBy.run(StartedBy.STARTUP, () -> resync(followed, false));
        return followed;
    }

    /**
     * @param connectors the connectors whose objects are reconciled (only) or left out (not only)
     */
    private void resync(Set<Long> connectors, boolean only) {
        if (only && connectors.isEmpty()) {
            return;
        }
        String in = only ? "in" : "not in";
        try {
            List<Long> ids = database.inTransaction(s -> s.createSelectionQuery(
                    "select g.id from SecurityGroup g where g.virtualizationConnector.id " + in + " :vcs order by g.id",
                    Long.class).setParameter("vcs", nonEmpty(connectors)).getResultList());
            // Deployment specs too: their NetworkPolicy, and a manager or SDN controller that lost what OSC
            // registered, have no events; an unchanged spec's reconcile writes nothing.
            List<Long> specs = database.inTransaction(s -> s.createSelectionQuery(
                    "select d.id from DeploymentSpec d where d.virtualSystem.virtualizationConnector.id " + in
                            + " :vcs order by d.id", Long.class).setParameter("vcs", nonEmpty(connectors))
                    .getResultList());
            ids.forEach(id -> queue.request(ObjectType.SECURITY_GROUP, id));
            specs.forEach(id -> queue.request(ObjectType.DEPLOYMENT_SPEC, id));
            LOG.debug("Full resync: {} security group(s) and {} deployment spec(s) queued", ids.size(), specs.size());
        } catch (RuntimeException e) {
            LOG.warn("Full resync skipped: {}", LogSafe.of(e.getMessage()));
        }
    }

    /** An empty "in" list is not valid everywhere: -1 is no connector's id. */
    private static Set<Long> nonEmpty(Set<Long> connectors) {
        return connectors.isEmpty() ? Set.of(-1L) : connectors;
    }

    private void watch(VirtualizationPlatform platform, ConnectorInfo connector) {
        try {
            platform.watch(connector);
            lastFailure.remove(connector.id());
        } catch (RuntimeException e) {
            // Said once per distinct reason, not every few seconds; retried every round.
            String reason = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
            if (!reason.equals(lastFailure.put(connector.id(), reason))) {
                LOG.warn("Cannot follow the cluster of {}: {}", LogSafe.of(connector), LogSafe.of(reason));
            }
        }
    }

    private static void unwatch(VirtualizationPlatform platform, long connectorId) {
        try {
            platform.unwatch(connectorId);
        } catch (RuntimeException e) {
            LOG.warn("Could not stop following connector {}: {}", connectorId, LogSafe.of(e.getMessage()));
        }
    }

    private record ConnectorRow(String type, ConnectorInfo info) {
    }
}
