package org.osc.k8s.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.osc.k8s.KubernetesClients;
import org.osc.platform.api.ConnectorInfo;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The checks' own clients, one per connector, kept between checks so that a check reuses the connections (and the
 * parsed settings and JSON mappers) of the one before instead of building a client and opening a connection per
 * request each time. A client is used only with the exact connection settings it was built from: a check with
 * other settings (the connector changed, or an update is being checked) replaces it. A client no check used for
 * {@code idle} is closed, and so is a connector's when it is {@link #release released}; a client is closed only
 * once no check uses it. With each client go the checks that passed with its settings (so that a passed check is
 * not trusted with other settings), each trusted for {@code trust}.
 */
final class CheckClients implements AutoCloseable {

    /** A client lent to one check; {@link #close} gives it back. */
    final class Lease implements AutoCloseable {
        private final Entry entry;
        private final boolean reused;

        private Lease(Entry entry, boolean reused) {
            this.entry = entry;
            this.reused = reused;
        }

        /** @return whether the client served an earlier check (its pooled connections may have gone stale) */
        boolean reused() {
            return reused;
        }

        /** Closes the client once this check is done, and has the connector's next check build a new one. */
        void discard() {
            List<Entry> stale = new ArrayList<>();
            synchronized (CheckClients.this) {
                entries.remove(entry.connectorId, entry);
                retire(entry, stale);
            }
            closeAll(stale);
        }

        /** @return the client */
        KubernetesClient client() {
            return entry.client;
        }

        /**
         * @param key what was checked
         * @return whether a check of it with these settings passed less than the trust time ago
         */
        boolean passedRecently(Object key) {
            Long until = entry.passed.get(key);
            return until != null && System.nanoTime() - until < 0;
        }

        /** Remembers that the check of the key passed now with these settings, for the trust time. */
        void passed(Object key) {
            entry.passed.put(key, System.nanoTime() + trustNanos);
        }

        /** Forgets every check that passed with these settings (one failed: the cluster changed). */
        void failed() {
            entry.passed.clear();
        }

        @Override
        public void close() {
            giveBack(entry);
        }
    }

    /**
     * How to reach a cluster, compared field by field. Holds secrets: {@link #toString} shows none.
     */
    record Settings(String kubeconfig, String context, String apiServerUrl, String token, String caCertificate,
            boolean inCluster) {

        static Settings of(ConnectorInfo connector) {
            return new Settings(connector.kubeconfig(), connector.context(), connector.apiServerUrl(),
                    connector.token(), connector.caCertificate(), connector.inCluster());
        }

        @Override
        public String toString() {
            return "Settings[secrets hidden]";
        }
    }

    private static final class Entry {
        private final long connectorId;
        private final Settings settings;
        private final KubernetesClient client;
        /** Checks that passed with these settings, by what was checked, and until when they are trusted. */
        private final Map<Object, Long> passed = new ConcurrentHashMap<>();
        private int users;
        private long lastUsed;
        private boolean retired;

        private Entry(long connectorId, Settings settings, KubernetesClient client) {
            this.connectorId = connectorId;
            this.settings = settings;
            this.client = client;
        }
    }

    private final Function<ConnectorInfo, KubernetesClient> build;
    private final long idleNanos;
    private final long trustNanos;
    private final Map<Long, Entry> entries = new HashMap<>();
    private boolean closed;
    private boolean sweeping;

    /**
     * @param build builds a check's client for the connector (may throw when its settings cannot be used)
     * @param idle how long a client no check uses is kept
     * @param trust how long a check that passed is trusted (zero: never)
     */
    CheckClients(Function<ConnectorInfo, KubernetesClient> build, Duration idle, Duration trust) {
        this.build = build;
        this.idleNanos = idle.toNanos();
        this.trustNanos = trust.toNanos();
    }

    /**
     * Lends the connector's client, building it when there is none for these settings (the one for other
     * settings is closed once no check uses it).
     *
     * @throws RuntimeException what building the client threw: the settings cannot be used
     */
    Lease lease(ConnectorInfo connector) {
        Settings settings = Settings.of(connector);
        List<Entry> stale = new ArrayList<>();
        Entry entry;
        synchronized (this) {
            expire(stale);
            entry = entries.get(connector.id());
            if (entry != null && !entry.settings.equals(settings)) {
                entries.remove(connector.id());
                retire(entry, stale);
                entry = null;
            }
            if (entry != null) {
                entry.users++;
                entry.lastUsed = System.nanoTime();
            }
        }
        closeAll(stale);
        if (entry != null) {
            return new Lease(entry, true);
        }
        // Built outside the lock: parsing a kubeconfig and starting an HTTP client take milliseconds.
        Entry built = new Entry(connector.id(), settings, build.apply(connector));
        built.users = 1;
        built.lastUsed = System.nanoTime();
        synchronized (this) {
            Entry other = entries.get(connector.id());
            if (closed || other != null && other.settings.equals(settings)) {
                // All is closing, or a check of the same settings got there first: this client serves this check
                // alone and is closed after it.
                built.retired = true;
            } else {
                if (other != null) {
                    retire(other, stale);
                }
                entries.put(connector.id(), built);
                sweepLater();
            }
        }
        closeAll(stale);
        return new Lease(built, false);
    }

    /** Closes the connector's client (at once when no check uses it, else after the check); unknown ids are ignored. */
    void release(long connectorId) {
        List<Entry> stale = new ArrayList<>();
        synchronized (this) {
            Entry entry = entries.remove(connectorId);
            if (entry != null) {
                retire(entry, stale);
            }
        }
        closeAll(stale);
    }

    /** @return whether a client for the connector is kept (tests) */
    synchronized boolean holds(long connectorId) {
        return entries.containsKey(connectorId);
    }

    /** Closes every client (those in use once their checks end); a later lease builds a client for one check. */
    @Override
    public void close() {
        List<Entry> stale = new ArrayList<>();
        synchronized (this) {
            closed = true;
            entries.values().forEach(e -> retire(e, stale));
            entries.clear();
        }
        closeAll(stale);
    }

    private void giveBack(Entry entry) {
        boolean close;
        synchronized (this) {
            entry.users--;
            entry.lastUsed = System.nanoTime();
            close = entry.retired && entry.users == 0;
        }
        if (close) {
            closeAll(List.of(entry));
        }
    }

    /** Marks the entry retired, so that it is closed once no check uses it; adds it to {@code stale} if none does. */
    private static void retire(Entry entry, List<Entry> stale) {
        entry.retired = true;
        if (entry.users == 0) {
            stale.add(entry);
        }
    }

    /**
     * Has the idle clients closed even when no other check comes: a sweep one idle time from now, while clients
     * are kept (on the JDK's shared delay thread; no thread of its own). Holds the lock.
     */
    private void sweepLater() {
        if (sweeping || closed) {
            return;
        }
        sweeping = true;
        CompletableFuture.delayedExecutor(idleNanos, TimeUnit.NANOSECONDS).execute(this::sweep);
    }

    private void sweep() {
        List<Entry> stale = new ArrayList<>();
        synchronized (this) {
            sweeping = false;
            expire(stale);
            if (!entries.isEmpty()) {
                sweepLater();
            }
        }
        closeAll(stale);
    }

    /** Removes the entries no check used for the idle time; adds them to {@code stale}. Holds the lock. */
    private void expire(List<Entry> stale) {
        long now = System.nanoTime();
        entries.values().removeIf(e -> {
            if (e.users == 0 && now - e.lastUsed > idleNanos) {
                retire(e, stale);
                return true;
            }
            return false;
        });
    }

    private static void closeAll(List<Entry> stale) {
        if (!stale.isEmpty()) {
            KubernetesClients.withOwnClassLoader(() -> {
                stale.forEach(e -> e.client.close());
                return null;
            });
        }
    }
}
