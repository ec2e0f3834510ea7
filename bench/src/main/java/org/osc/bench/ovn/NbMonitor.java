package org.osc.bench.ovn;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.osc.ovsdb.MonitorHandler;
import org.osc.ovsdb.OvsdbClient;
import org.osc.ovsdb.OvsdbMonitor;
import org.osc.ovsdb.OvsdbRemote;
import org.osc.ovsdb.OvsdbValues;
import org.osc.ovsdb.Replica;
import org.osc.ovsdb.ReplicaListener;
import org.osc.ovsdb.Row;
import org.osc.ovsdb.Uuid;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The independent witness on the northbound database, on a connection of its own (not the plugin's): a
 * {@link Replica} of {@code Port_Group} and {@code Logical_Switch_Port} that timestamps every port group change as
 * it arrives (as {@code ovn-northd} would see it), and a plain monitor of every table OSC's plugin or the CNI
 * writes that counts the server's update notifications (one per committed transaction that changed a monitored
 * row) and the rows they changed.
 */
public final class NbMonitor implements AutoCloseable {

    /** Told of each port group as it is after a change, on the monitor's thread. */
    @FunctionalInterface
    public interface PortGroupListener {
        /**
         * @param name the {@code Port_Group}'s name
         * @param ports the names of its logical switch ports
         * @param nanos {@link System#nanoTime()} when the change arrived
         */
        void changed(String name, Set<String> ports, long nanos);
    }

    /**
     * Counts so far.
     *
     * @param transactions update notifications (committed transactions that changed a monitored row)
     * @param rows rows inserted, modified or deleted in them
     */
    public record Counts(long transactions, long rows) {
    }

    private static final String DB = "OVN_Northbound";
    /** Every table the OVN plugin writes (and those the CNI writes), all columns. */
    private static final List<String> COUNTED = List.of("Port_Group", "Logical_Router_Policy", "Logical_Router",
            "Logical_Router_Port", "Logical_Switch", "Logical_Switch_Port", "ACL", "Address_Set");

    private final OvsdbClient client;
    private final Replica replica;
    private final OvsdbMonitor counter;
    private final List<PortGroupListener> listeners = new CopyOnWriteArrayList<>();
    private record Change(long transaction, String what) {
    }

    private static final int KEPT = 1000;
    private final Deque<Change> recent = new ArrayDeque<>();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();

    private NbMonitor(OvsdbClient client) {
        this.client = client;
        this.replica = Replica.start(client, DB, Map.of("Port_Group", List.of("name", "ports", "external_ids"),
                "Logical_Switch_Port", List.of("name")));
        replica.addListener(new ReplicaListener() {
            @Override
            public void onInsert(Row row) {
                changed(row, System.nanoTime());
            }

            @Override
            public void onModify(Row previous, Row current) {
                changed(current, System.nanoTime());
            }
        });
        Map<String, List<String>> tables = new LinkedHashMap<>();
        COUNTED.forEach(t -> tables.put(t, List.of()));
        this.counter = client.monitor(DB, tables, new MonitorHandler() {
            @Override
            public void onInitial(JsonNode tableUpdates) {
                // the content before: not a change
            }

            @Override
            public void onUpdate(JsonNode tableUpdates) {
                long tx = transactions.incrementAndGet();
                tableUpdates.properties().forEach(t -> {
                    rows.addAndGet(t.getValue().size());
                    t.getValue().properties().forEach(r -> note(tx, describe(t.getKey(), r.getKey(), r.getValue())));
                });
            }
        });
    }

    /** One changed row, for the reader: table, row, what happened, and for a port group's ports the difference. */
    private String describe(String table, String uuid, JsonNode update) {
        JsonNode old = update.path("old");
        JsonNode now = update.path("new");
        String name = now.path("name").isTextual() ? now.path("name").asText()
                : old.path("name").isTextual() ? old.path("name").asText() : uuid.substring(0, 8);
        if (now.isMissingNode() || now.isNull()) {
            return table + " " + name + " deleted";
        }
        if (old.isMissingNode() || old.isNull()) {
            return table + " " + name + " inserted";
        }
        List<String> columns = new ArrayList<>();
        old.fieldNames().forEachRemaining(columns::add);
        String detail = "";
        if ("Port_Group".equals(table) && old.has("ports")) {
            Set<Object> before = OvsdbValues.asSet(OvsdbValues.decode(old.get("ports")));
            Set<Object> after = OvsdbValues.asSet(OvsdbValues.decode(now.path("ports")));
            Set<Object> added = new HashSet<>(after);
            added.removeAll(before);
            Set<Object> removed = new HashSet<>(before);
            removed.removeAll(after);
            detail = " (+" + portNames(added) + " -" + portNames(removed) + ")";
        } else if (old.has("action")) {
            detail = " (" + old.get("action").asText() + " -> " + now.path("action").asText() + ")";
        }
        return table + " " + name + " modified " + columns + detail;
    }

    private List<String> portNames(Set<Object> uuids) {
        List<String> names = new ArrayList<>();
        for (Object uuid : uuids) {
            names.add(replica.row("Logical_Switch_Port", (Uuid) uuid).map(r -> r.getString("name"))
                    .orElse(uuid.toString()));
        }
        names.sort(null);
        return names.size() > 5 ? List.of(names.size() + " ports") : names;
    }

    private void note(long transaction, String change) {
        synchronized (recent) {
            recent.addLast(new Change(transaction, change));
            while (recent.size() > KEPT) {
                recent.removeFirst();
            }
        }
    }

    /**
     * @param transaction a count of {@link Counts#transactions()} taken before
     * @return the rows changed by the transactions after it (the last {@value #KEPT} kept), one line each
     */
    public List<String> changesSince(long transaction) {
        synchronized (recent) {
            return recent.stream().filter(c -> c.transaction() > transaction)
                    .map(c -> "tx " + c.transaction() + ": " + c.what()).toList();
        }
    }

    /**
     * Connects and waits until the replica holds the database's content.
     *
     * @param remote the northbound database
     * @return the monitor, watching
     */
    public static NbMonitor start(OvsdbRemote remote) throws InterruptedException {
        OvsdbClient client = OvsdbClient.builder(remote).connect();
        NbMonitor monitor = new NbMonitor(client);
        if (!client.awaitConnected(Duration.ofSeconds(10)) || !monitor.replica.awaitSynced(Duration.ofSeconds(10))) {
            monitor.close();
            throw new IllegalStateException("the monitor cannot reach the northbound database " + remote);
        }
        return monitor;
    }

    /** @param listener told of every port group change from now on */
    public void addListener(PortGroupListener listener) {
        listeners.add(listener);
    }

    private void changed(Row row, long nanos) {
        if (!"Port_Group".equals(row.table()) || listeners.isEmpty()) {
            return;
        }
        Set<String> ports = names(row);
        for (PortGroupListener l : listeners) {
            l.changed(row.getString("name"), ports, nanos);
        }
    }

    /** The port names of a port group row; a port the replica does not hold (yet) is left out. */
    private Set<String> names(Row group) {
        Set<String> names = new HashSet<>();
        for (Object port : group.getSet("ports")) {
            replica.row("Logical_Switch_Port", (Uuid) port).ifPresent(lsp -> names.add(lsp.getString("name")));
        }
        return names;
    }

    /** @return the port names of the named port group as this monitor sees it, or empty when there is none */
    public Optional<Set<String>> members(String portGroup) {
        return replica.rows("Port_Group").values().stream().filter(r -> portGroup.equals(r.getString("name")))
                .findFirst().map(this::names);
    }

    /** @return the uuid of every logical switch port by name, as this monitor sees them now */
    public Map<String, Uuid> ports() {
        Map<String, Uuid> byName = new HashMap<>();
        replica.rows("Logical_Switch_Port").values().forEach(r -> byName.put(r.getString("name"), r.uuid()));
        return byName;
    }

    /** @return update notifications and changed rows so far */
    public Counts counts() {
        return new Counts(transactions.get(), rows.get());
    }

    @Override
    public void close() {
        counter.close();
        replica.close();
        client.close();
    }
}
