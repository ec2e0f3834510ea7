package org.osc.k8s.watch;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osc.k8s.KubernetesClients;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.DeploymentEvents;
import org.osc.platform.api.WorkloadEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The clusters the Kubernetes connector follows, one {@link PodWatch} per virtualization connector, on the
 * connector's shared client. Checks every watch's health a few times a second, because a lost watch must be
 * noticed while it is lost (see {@link PodWatch}); fabric8 waits at least a second before it reconnects, so a
 * period of {@value #CHECK_MILLIS} ms never misses one.
 */
public final class PodWatches implements AutoCloseable {

    /** Period of the health check, in milliseconds. */
    static final long CHECK_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(PodWatches.class);

    private final KubernetesClients clients;
    private final ClusterEvents events = new ClusterEvents();
    private final Map<Long, PodWatch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checks;
    private final ExecutorService probes;

    /** @param clients the connectors' shared clients */
    public PodWatches(KubernetesClients clients) {
        this.clients = clients;
        this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "osc-k8s-watch-health");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(this::checkAll, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        // Probes block on the network (up to the client's timeouts): never on the health check's thread.
        this.probes = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "osc-k8s-watch-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @param sink where pod changes go from now on */
    public synchronized void setWorkloadEvents(WorkloadEvents sink) {
        events.workloads = sink;
    }

    /** @param sink no longer takes pod changes (unless another sink replaced it already) */
    public synchronized void clearWorkloadEvents(WorkloadEvents sink) {
        if (events.workloads == sink) {
            events.workloads = null;
        }
    }

    /** @param sink where VNF changes go from now on */
    public synchronized void setDeploymentEvents(DeploymentEvents sink) {
        events.deployments = sink;
    }

    /** @param sink no longer takes VNF changes (unless another sink replaced it already) */
    public synchronized void clearDeploymentEvents(DeploymentEvents sink) {
        if (events.deployments == sink) {
            events.deployments = null;
        }
    }

    /**
     * Follows the connector's cluster, or keeps following it: a no-op when already following it with the same
     * settings; new informers on the new client when its settings changed.
     */
    public void watch(ConnectorInfo connector) {
        KubernetesClient client = clients.client(connector);
        PodWatch watch = watches.compute(connector.id(), (id, old) -> {
            if (old != null && old.client() == client) {
                return old;
            }
            if (old != null) {
                LOG.info("Connector {}: connection settings changed, following the cluster anew", id);
                old.close();
            }
            return new PodWatch(id, client, events, probes);
        });
        watch.ensureStarted();
    }

    /** Stops following the connector's cluster. */
    public void unwatch(long connectorId) {
        PodWatch watch = watches.remove(connectorId);
        if (watch != null) {
            watch.close();
        }
    }

    /**
     * @return the pod cache of the connector, when it is followed with its current settings and synced; empty
     *     means the caller asks the API server instead
     */
    public Optional<PodCache> cache(ConnectorInfo connector) {
        PodWatch watch = watches.get(connector.id());
        if (watch == null || watch.client() != clients.client(connector)) {
            return Optional.empty();
        }
        return Optional.ofNullable(watch.cache());
    }

    @Override
    public void close() {
        checks.shutdownNow();
        probes.shutdownNow();
        watches.keySet().forEach(this::unwatch);
    }

    private void checkAll() {
        for (PodWatch watch : watches.values()) {
            try {
                watch.check();
            } catch (RuntimeException e) {
                LOG.warn("Health check of a cluster watch failed: {}", e.toString());
            }
        }
    }
}
