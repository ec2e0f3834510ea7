package org.osc.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory copy of selected tables of one database, kept up to date through a monitor (as libovsdb's cache
 * and ovsdbapp's IDL keep one). Reads never go to the server. When the connection ends the replica is marked
 * stale and keeps its rows; when the client has reconnected it receives the whole content again, replaces its
 * rows with it and reports the differences to its {@link ReplicaListener}s.
 *
 * <p>Thread-safe: reads may come from any thread; changes are applied on the client's event thread.
 */
public final class Replica implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private final Map<String, Map<Uuid, Row>> tables = new ConcurrentHashMap<>();
    private final List<ReplicaListener> listeners = new CopyOnWriteArrayList<>();
    private final Object syncLock = new Object();
    private final OvsdbMonitor monitor;
    private volatile boolean stale = true;
    private volatile boolean everSynced;
    private volatile OvsdbException lastError;

    private Replica(OvsdbClient client, String database, Map<String, List<String>> columns) {
        columns.keySet().forEach(t -> tables.put(t, new ConcurrentHashMap<>()));
        this.monitor = client.monitor(database, columns, new Handler());
    }

    /**
     * Starts a replica; it fills once the client is connected (see {@link #awaitSynced(Duration)}).
     *
     * @param client the client
     * @param database the database
     * @param columns the tables to keep and, for each, the columns (an empty list for all)
     * @return the replica
     */
    public static Replica start(OvsdbClient client, String database, Map<String, List<String>> columns) {
        return new Replica(client, database, columns);
    }

    /**
     * @param listener told of changes from now on
     */
    public void addListener(ReplicaListener listener) {
        listeners.add(listener);
    }

    /**
     * @param listener no longer told of changes
     */
    public void removeListener(ReplicaListener listener) {
        listeners.remove(listener);
    }

    /**
     * @param table a replicated table
     * @return a snapshot of its rows by UUID
     * @throws IllegalArgumentException if the table is not replicated
     */
    public Map<Uuid, Row> rows(String table) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(table(table)));
    }

    /**
     * @param table a replicated table
     * @param uuid a row's UUID
     * @return the row, if the replica has it
     */
    public Optional<Row> row(String table, Uuid uuid) {
        return Optional.ofNullable(table(table).get(uuid));
    }

    /**
     * @return true before the first content arrived and while the connection is down
     */
    public boolean isStale() {
        return stale;
    }

    /**
     * @return why the server last refused the monitor, if it did
     */
    public Optional<OvsdbException> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * Waits until the replica is in sync with the server, and its listeners have been told
     * ({@link ReplicaListener#onSynced()} returned).
     *
     * @param timeout how long to wait at most
     * @return whether it is in sync
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (syncLock) {
            while (stale) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(syncLock, left);
            }
        }
        return true;
    }

    /**
     * Stops the monitor; the rows stay as they are.
     */
    @Override
    public void close() {
        monitor.close();
    }

    private Map<Uuid, Row> table(String table) {
        Map<Uuid, Row> rows = tables.get(table);
        if (rows == null) {
            throw new IllegalArgumentException("table " + table + " is not replicated; replicated are "
                    + tables.keySet());
        }
        return rows;
    }

    private void tell(Consumer<ReplicaListener> event) {
        for (ReplicaListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("a replica listener failed", e);
            }
        }
    }

    private static Row decode(String table, String uuid, JsonNode row, Row previous) {
        Map<String, Object> columns = new LinkedHashMap<>();
        if (previous != null) {
            columns.putAll(previous.columns());
        }
        row.properties().forEach(e -> columns.put(e.getKey(), OvsdbValues.decode(e.getValue())));
        return new Row(table, new Uuid(uuid), columns);
    }

    private final class Handler implements MonitorHandler {

        @Override
        public void onInitial(JsonNode tableUpdates) {
            boolean report = everSynced;
            for (Map.Entry<String, Map<Uuid, Row>> entry : tables.entrySet()) {
                String table = entry.getKey();
                Map<Uuid, Row> rows = entry.getValue();
                Map<Uuid, Row> fresh = new HashMap<>();
                tableUpdates.path(table).properties().forEach(e ->
                        fresh.put(new Uuid(e.getKey()), decode(table, e.getKey(), e.getValue().path("new"), null)));
                for (Row old : List.copyOf(rows.values())) {
                    if (!fresh.containsKey(old.uuid())) {
                        rows.remove(old.uuid());
                        if (report) {
                            tell(l -> l.onDelete(old));
                        }
                    }
                }
                for (Row row : fresh.values()) {
                    Row old = rows.put(row.uuid(), row);
                    if (report && old == null) {
                        tell(l -> l.onInsert(row));
                    } else if (report && !old.equals(row)) {
                        tell(l -> l.onModify(old, row));
                    }
                }
            }
            everSynced = true;
            lastError = null;
            // Listeners first: whoever waits in awaitSynced then finds what they derive from the rows (an index,
            // say) complete too, not half rebuilt.
            tell(ReplicaListener::onSynced);
            synchronized (syncLock) {
                stale = false;
                syncLock.notifyAll();
            }
        }

        @Override
        public void onUpdate(JsonNode tableUpdates) {
            tableUpdates.properties().forEach(t -> {
                Map<Uuid, Row> rows = tables.get(t.getKey());
                if (rows == null) {
                    return;
                }
                t.getValue().properties().forEach(r -> {
                    Uuid uuid = new Uuid(r.getKey());
                    JsonNode update = r.getValue();
                    Row old = rows.get(uuid);
                    if (update.hasNonNull("new")) {
                        Row row = decode(t.getKey(), r.getKey(), update.get("new"), old);
                        rows.put(uuid, row);
                        if (old == null) {
                            tell(l -> l.onInsert(row));
                        } else {
                            tell(l -> l.onModify(old, row));
                        }
                    } else if (old != null) {
                        rows.remove(uuid);
                        tell(l -> l.onDelete(old));
                    }
                });
            });
        }

        @Override
        public void onDisconnected() {
            stale = true;
            tell(ReplicaListener::onStale);
        }

        @Override
        public void onError(OvsdbException error) {
            lastError = error;
        }
    }
}
