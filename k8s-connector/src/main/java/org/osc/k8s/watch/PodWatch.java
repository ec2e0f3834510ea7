package org.osc.k8s.watch;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osc.k8s.KubernetesClients;
import org.osc.k8s.deploy.VnfLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Follows one connector's cluster: a pod informer over all namespaces (the membership cache, indexed by label
 * pair) and an informer on the Deployments OSC made, both on the connector's shared client, reporting to
 * {@link ClusterEvents}.
 *
 * <p>An informer is not trusted blindly. fabric8 relists by itself after a {@code 410 Gone}; but when the
 * connection drops (an API server restart) it reconnects its watch at the resourceVersion it last saw, and an
 * API server that does not honour that version (one that lost its history without answering 410, as the test
 * stand-in did before its watches became resumable) replays the current objects without the deletions in
 * between, so the cache would keep phantom pods for ever while it reports itself synced. So whenever a watch is
 * seen lost, the informers are replaced by new ones (a fresh list) as soon as the API server answers again (or
 * the watch reopens, whichever comes first), and, once they are synced, the platform reports a resync so that
 * every group is reconciled. This also covers a {@code 410 Gone}, at the cost of one more list. A
 * resourceVersion going backwards is not used as the signal: servers that replay objects at their old versions
 * on a new watch would make that rule rebuild for ever. Until a new generation has synced, queries fall back to
 * LIST.
 */
final class PodWatch {

    private static final Logger LOG = LoggerFactory.getLogger(PodWatch.class);

    /**
     * One pair of informers; replaced as a whole, never restarted. Each informer syncs on its own: the Deployment
     * informer (which needs the right to watch Deployments) must never hold up membership.
     */
    final class Generation {
        final SharedIndexInformer<Pod> pods;
        final SharedIndexInformer<Deployment> deployments;
        volatile boolean synced;
        volatile boolean deploymentsSynced;
        /**
         * Uids of the pods of the first list, whose late add notifications the resync report already covers; each
         * is dropped with its notification. Uids whose notification came before the sync stay until this
         * generation is replaced: at most the first list's size.
         */
        final Set<String> listed = ConcurrentHashMap.newKeySet();
        volatile boolean lost;
        final AtomicBoolean probing = new AtomicBoolean();
        volatile long lastProbe;
        private final AtomicBoolean warned = new AtomicBoolean();

        Generation() {
            pods = client.pods().inAnyNamespace().runnableInformer(0);
            pods.addIndexers(Map.of(PodCache.LABELS, PodCache::labelPairs));
            pods.exceptionHandler((started, t) -> retry(this, "pod", t));
            deployments = client.apps().deployments().inAnyNamespace().withLabel(VnfLabels.MANAGED_BY, VnfLabels.OSC)
                    .runnableInformer(0);
            deployments.exceptionHandler((started, t) -> retry(this, "Deployment", t));
            // Events of a replaced generation are dropped: its successor's resync covers everything. So are those
            // of the first list, before the informer synced: the resync it then reports covers them, and routing
            // them would reconcile every group twice (once per pod add, once for the resync).
            pods.addEventHandler(new PodHandler(connectorId, events, () -> isCurrent() && synced,
                    pod -> listed.remove(pod.getMetadata().getUid())));
            deployments.addEventHandler(new DeploymentHandler(connectorId, events,
                    () -> isCurrent() && deploymentsSynced));
        }

        boolean isCurrent() {
            return current == this;
        }

        /** @return whether every synced informer is running (one that stopped by itself never comes back) */
        boolean running() {
            return pods.isRunning() && (!deploymentsSynced || deployments.isRunning());
        }

        /** @return whether every synced informer has its watch open */
        boolean watching() {
            try {
                return pods.isWatching() && (!deploymentsSynced || deployments.isWatching());
            } catch (RuntimeException e) {
                return false; // fabric8 7.5 throws instead of answering false while a watch is being replaced
            }
        }

        void stop() {
            pods.stop();
            deployments.stop();
        }
    }

    /** How often the API server is asked whether it is back while the watch is lost, in milliseconds. */
    static final long PROBE_MILLIS = 500;

    private final long connectorId;
    private final KubernetesClient client;
    private final ClusterEvents events;
    private final Executor probes;
    private volatile Generation current;
    private volatile boolean closed;

    /**
     * @param connectorId the connector followed
     * @param client its shared client
     * @param events where changes are reported
     * @param probes runs the (blocking) requests asking whether a lost API server is back
     */
    PodWatch(long connectorId, KubernetesClient client, ClusterEvents events, Executor probes) {
        this.connectorId = connectorId;
        this.client = client;
        this.events = events;
        this.probes = probes;
    }

    /** @return the client the informers run on (a connector whose settings changed gets a new client) */
    KubernetesClient client() {
        return client;
    }

    /** @return the pod cache, when the current informers have synced */
    PodCache cache() {
        Generation generation = current;
        return generation != null && generation.synced ? new PodCache(generation.pods.getIndexer()) : null;
    }

    /** Starts the informers if there are none (first call, or the last start failed at once). */
    synchronized void ensureStarted() {
        if (current == null && !closed) {
            start("start");
        }
    }

    /**
     * The health check, run a few times a second: a watch seen lost and then open again means the informers
     * may hold phantoms (see the class comment), and an informer that stopped by itself will not come back.
     */
    void check() {
        Generation generation = current;
        if (generation == null || !generation.synced || closed) {
            return;
        }
        if (!generation.running()) {
            rebuild(generation, "an informer stopped");
        } else if (!generation.watching()) {
            if (!generation.lost) {
                LOG.info("Connector {}: watch lost, waiting for the API server", connectorId);
                generation.lost = true;
            }
            probe(generation);
        } else if (generation.lost) {
            rebuild(generation, "the watch came back after it was lost");
        }
    }

    /**
     * Asks the API server whether it answers, and relists as soon as it does. fabric8 retries a lost watch with
     * an exponential back-off (up to half a minute); asking every {@value #PROBE_MILLIS} ms instead bounds how
     * long membership stops following the cluster after an API server restart to about a second.
     */
    private void probe(Generation generation) {
        long now = System.nanoTime();
        if (now - generation.lastProbe < PROBE_MILLIS * 1_000_000 || !generation.probing.compareAndSet(false, true)) {
            return;
        }
        generation.lastProbe = now;
        probes.execute(() -> {
            try {
                KubernetesClients.withOwnClassLoader(client::getKubernetesVersion);
                rebuild(generation, "the API server answers again");
            } catch (RuntimeException e) {
                LOG.debug("Connector {}: API server not back yet: {}", connectorId, e.toString());
            } finally {
                generation.probing.set(false);
            }
        });
    }

    /** Replaces the generation by a new one, unless it was replaced already (several signals, one rebuild). */
    synchronized void rebuild(Generation generation, String reason) {
        if (closed || current != generation) {
            return;
        }
        LOG.info("Connector {}: relisting the cluster ({})", connectorId, reason);
        current = null; // queries fall back to LIST: this cache is no longer trusted
        KubernetesClients.withOwnClassLoader(() -> {
            generation.stop();
            return null;
        });
        start("rebuild");
    }

    /** Stops following the cluster. */
    synchronized void close() {
        closed = true;
        Generation generation = current;
        current = null;
        if (generation != null) {
            KubernetesClients.withOwnClassLoader(() -> {
                generation.stop();
                return null;
            });
        }
    }

    private void start(String why) {
        try {
            // Inside OSGi the informers' threads and deserialisation need the bundle's loader (see KubernetesClients).
            Generation generation = KubernetesClients.withOwnClassLoader(Generation::new);
            current = generation; // before starting: its first events must already count as current
            KubernetesClients.withOwnClassLoader(() -> {
                generation.pods.start().whenComplete((ok, failure) -> podsSynced(generation, failure));
                generation.deployments.start().whenComplete((ok, failure) -> deploymentsSynced(generation, failure));
                return null;
            });
        } catch (RuntimeException e) {
            current = null; // the next watch() call tries again
            LOG.warn("Connector {}: cannot start following the cluster ({}): {}", connectorId, why, e.toString());
        }
    }

    private void podsSynced(Generation generation, Throwable failure) {
        if (failure != null) {
            LOG.warn("Connector {}: pod informer did not start: {}", connectorId, failure.toString());
            synchronized (this) {
                if (current == generation) {
                    current = null; // the next watch() call starts a new generation
                    KubernetesClients.withOwnClassLoader(() -> {
                        generation.stop();
                        return null;
                    });
                }
            }
            return;
        }
        // Recorded before the flag: an add delivered after it is either one of these (dropped) or a new pod.
        generation.pods.getIndexer().list().forEach(pod -> generation.listed.add(pod.getMetadata().getUid()));
        generation.synced = true;
        if (generation.isCurrent() && !closed) {
            LOG.info("Connector {}: {} pod(s) cached, reporting a resync", connectorId,
                    generation.pods.getIndexer().list().size());
            events.workloadsResynced(connectorId);
        }
    }

    private void deploymentsSynced(Generation generation, Throwable failure) {
        if (failure == null) {
            generation.deploymentsSynced = true;
            if (generation.isCurrent() && !closed) {
                events.deploymentsResynced(connectorId);
            }
        }
    }

    private boolean retry(Generation generation, String informer, Throwable t) {
        // Always, until closed: an unreachable API server (or a missing right) is a state to ride out, not a
        // reason to stop following. Said once per generation, then only in the debug log: it retries for ever.
        if (!closed && generation.warned.compareAndSet(false, true)) {
            LOG.warn("Connector {}: {} informer failed, retrying: {}", connectorId, informer, t.toString());
        } else if (!closed) {
            LOG.debug("Connector {}: {} informer retrying after {}", connectorId, informer, t.toString());
        }
        return !closed;
    }
}
