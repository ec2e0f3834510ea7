package org.osc.ovn.sdn.nb;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.osc.ovsdb.Replica;
import org.osc.ovsdb.ReplicaListener;
import org.osc.ovsdb.Row;
import org.osc.ovsdb.Uuid;

/**
 * The logical switch ports (the one large table: a row per pod) indexed by name, UUID and IP, and the switch of
 * each port, kept up to date row by row from the replica's changes and rebuilt whenever the replica (re)synced,
 * so that a lookup never copies the table. Thread-safe: changes come on the client's event thread.
 */
final class LspIndex implements ReplicaListener {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Replica replica;
    private final Map<String, Row> byName = new ConcurrentHashMap<>();
    private final Map<Uuid, Row> byUuid = new ConcurrentHashMap<>();
    private final Map<String, Row> byIp = new ConcurrentHashMap<>();
    private final Map<Uuid, Row> switchOf = new ConcurrentHashMap<>();
    /** What sessions derived from a port and its switch (its SPI element), dropped when either changes. */
    private final Map<Uuid, Object> derived = new ConcurrentHashMap<>();

    LspIndex(Replica replica) {
        this.replica = replica;
    }

    Optional<Row> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Optional<Row> byUuid(Uuid uuid) {
        return Optional.ofNullable(byUuid.get(uuid));
    }

    Optional<Row> byIp(String ip) {
        return Optional.ofNullable(byIp.get(ip));
    }

    Optional<Row> switchOf(Uuid lsp) {
        return Optional.ofNullable(switchOf.get(lsp));
    }

    /**
     * A value derived from a port and its switch, computed once until either changes (and each time while the
     * port is on no switch).
     *
     * @param lsp the port
     * @param derive computes the value
     * @return the value
     */
    @SuppressWarnings("unchecked")
    <T> T derived(Row lsp, Function<Row, T> derive) {
        Object value = derived.get(lsp.uuid());
        if (value == null) {
            Uuid uuid = lsp.uuid();
            Row sw = switchOf.get(uuid);
            value = derive.apply(lsp);
            // Kept only while the port and its switch are those it was derived from, and not while the port is on
            // no switch (yet): its switch row may come in the same update, just after the port's. The check
            // after the put catches a change that came between the first check and the put.
            if (sw != null && current(lsp, sw)) {
                derived.put(uuid, value);
                if (!current(lsp, sw)) {
                    derived.remove(uuid, value);
                }
            }
        }
        return (T) value;
    }

    private boolean current(Row lsp, Row sw) {
        return byUuid.get(lsp.uuid()) == lsp && switchOf.get(lsp.uuid()) == sw;
    }

    @Override
    public void onInsert(Row row) {
        add(row);
    }

    @Override
    public void onModify(Row previous, Row current) {
        remove(previous);
        add(current);
    }

    @Override
    public void onDelete(Row row) {
        remove(row);
    }

    @Override
    public void onSynced() {
        byName.clear();
        byUuid.clear();
        byIp.clear();
        switchOf.clear();
        derived.clear();
        replica.rows(NbTables.LSP).values().forEach(this::add);
        replica.rows(NbTables.SWITCH).values().forEach(this::add);
    }

    private void add(Row row) {
        if (row.table().equals(NbTables.LSP)) {
            derived.remove(row.uuid());
            byUuid.put(row.uuid(), row);
            String name = row.getString("name");
            if (name != null) {
                byName.put(name, row);
            }
            for (String ip : ips(row)) {
                byIp.putIfAbsent(ip, row);
            }
        } else if (row.table().equals(NbTables.SWITCH)) {
            row.getSet("ports").forEach(p -> {
                switchOf.put((Uuid) p, row);
                derived.remove((Uuid) p);
            });
        }
    }

    private void remove(Row row) {
        if (row.table().equals(NbTables.LSP)) {
            byUuid.remove(row.uuid());
            derived.remove(row.uuid());
            String name = row.getString("name");
            if (name != null) {
                removeIfHeldBy(byName, name, row.uuid());
            }
            for (String ip : ips(row)) {
                removeIfHeldBy(byIp, ip, row.uuid());
            }
        } else if (row.table().equals(NbTables.SWITCH)) {
            row.getSet("ports").forEach(p -> {
                removeIfHeldBy(switchOf, (Uuid) p, row.uuid());
                derived.remove((Uuid) p);
            });
        }
    }

    /** Removes an entry only if it still points at the given row (a newer row may hold the key already). */
    private static <K> void removeIfHeldBy(Map<K, Row> map, K key, Uuid row) {
        map.computeIfPresent(key, (k, held) -> held.uuid().equals(row) ? null : held);
    }

    /** The IP addresses in a port's {@code addresses} ("MAC IP..." entries). */
    private static String[] ips(Row lsp) {
        StringBuilder all = new StringBuilder();
        for (Object entry : lsp.getSet("addresses")) {
            String[] parts = SPACES.split(entry.toString().trim());
            for (int i = 1; i < parts.length; i++) {
                int slash = parts[i].indexOf('/');
                all.append(slash < 0 ? parts[i] : parts[i].substring(0, slash)).append(' ');
            }
        }
        String text = all.toString().trim();
        return text.isEmpty() ? new String[0] : SPACES.split(text);
    }
}
