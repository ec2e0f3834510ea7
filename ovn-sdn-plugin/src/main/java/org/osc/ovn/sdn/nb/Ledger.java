package org.osc.ovn.sdn.nb;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osc.ovsdb.OvsdbValues;
import org.osc.ovsdb.Row;

/**
 * What this plugin last wrote to each row it owns, so that a change the replica reports can be told apart: the
 * echo of the plugin's own transaction (the row now is what it wrote) or a change by someone else (an operator's
 * {@code ovn-nbctl}, a garbage-collected weak reference), which the push channel reports to OSC.
 *
 * <p>Rows are keyed by table and stable name: a Port_Group by its name, a policy by its hook's id. Thread-safe.
 */
public final class Ledger {

    /** The fingerprint of a row that is not there. */
    public static final String ABSENT = "<absent>";

    private final Map<String, String> written = new ConcurrentHashMap<>();
    private final Map<String, String> echoed = new ConcurrentHashMap<>();

    /**
     * @param table the row's table
     * @param name the row's stable name
     * @return the ledger key
     */
    public static String key(String table, String name) {
        return table + ":" + name;
    }

    /**
     * The ledger key of a replicated row OSC owns.
     *
     * @param row a Port_Group or Logical_Router_Policy row
     * @return its key, or null if the table is neither
     */
    public static String key(Row row) {
        if (row.table().equals(NbTables.PORT_GROUP)) {
            return key(row.table(), row.getString("name"));
        } else if (row.table().equals(NbTables.POLICY)) {
            return key(row.table(), Owned.id(row));
        }
        return null;
    }

    /**
     * The columns of a row that this plugin writes, in a canonical text form; equal for the row as planned and
     * as the replica later reports it.
     *
     * @param table Port_Group or Logical_Router_Policy
     * @param columns the decoded column values (sets as {@link java.util.Set}, maps as {@link Map})
     * @return the fingerprint
     */
    public static String fingerprint(String table, Map<String, ?> columns) {
        StringBuilder text = new StringBuilder();
        if (table.equals(NbTables.PORT_GROUP)) {
            text.append(columns.get("name")).append('|').append(digest(columns.get("ports")));
        } else {
            text.append(columns.get("priority")).append('|').append(columns.get("match")).append('|')
                    .append(columns.get("action")).append('|').append(digest(columns.get("nexthops")));
        }
        Map<String, String> ids = new TreeMap<>();
        OvsdbValues.asMap(columns.get("external_ids")).forEach((k, v) -> ids.put(k.toString(), v.toString()));
        return text.append('|').append(ids).toString();
    }

    /**
     * @param row a replicated row
     * @return its fingerprint
     */
    public static String fingerprint(Row row) {
        return fingerprint(row.table(), row.columns());
    }

    /**
     * A set's size and an order-independent 64-bit digest of its elements: a group of thousands of ports is
     * compared without sorting them on every change.
     */
    private static String digest(Object set) {
        Set<Object> values = OvsdbValues.asSet(set);
        long digest = 0;
        for (Object value : values) {
            digest += mix(value.toString());
        }
        return values.size() + ":" + Long.toHexString(digest);
    }

    /** FNV-1a over the characters, then a 64-bit finaliser, so that sums of many elements do not cancel out. */
    private static long mix(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Records what a transaction about to be sent will leave in a row.
     *
     * @param key the row's key
     * @param fingerprint its fingerprint afterwards, or {@link #ABSENT}
     */
    public void expect(String key, String fingerprint) {
        written.put(key, fingerprint);
        echoed.remove(key);
    }

    /**
     * @param key a row's key
     * @return what this plugin last wrote to it, or null if it never did (since it started)
     */
    public String expected(String key) {
        return written.get(key);
    }

    /**
     * Forgets a row, e.g. after a transaction whose outcome is unknown.
     *
     * @param key the row's key
     */
    public void forget(String key) {
        written.remove(key);
        echoed.remove(key);
    }

    /**
     * Tells a change the replica reported: the echo of this plugin's own write (the row is now what it wrote
     * last), which is then marked as seen for {@link #echoed}, or someone else's change.
     *
     * @param key a row's key
     * @param fingerprint what the row is now, or {@link #ABSENT}
     * @return whether that is what this plugin wrote last
     */
    public boolean echo(String key, String fingerprint) {
        if (Objects.equals(written.get(key), fingerprint)) {
            echoed.put(key, fingerprint);
            return true;
        }
        return false;
    }

    /**
     * @param key a row's key
     * @param fingerprint what this plugin wrote to it
     * @return whether the echo of that write has been told with {@link #echo}
     */
    public boolean echoed(String key, String fingerprint) {
        return Objects.equals(echoed.get(key), fingerprint);
    }
}
