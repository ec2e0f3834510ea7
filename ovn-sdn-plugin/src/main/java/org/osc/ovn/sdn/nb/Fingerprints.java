package org.osc.ovn.sdn.nb;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.osc.ovsdb.Replica;
import org.osc.ovsdb.Row;

/** The current fingerprints of rows named by ledger key, read from the replica. */
final class Fingerprints {

    private Fingerprints() {
    }

    /**
     * @param replica the replica
     * @param keys ledger keys
     * @return for each key, its row's fingerprint or {@link Ledger#ABSENT}
     */
    static Map<String, String> current(Replica replica, Set<String> keys) {
        Map<String, String> result = new HashMap<>();
        keys.forEach(k -> result.put(k, Ledger.ABSENT));
        for (String table : new String[] {NbTables.PORT_GROUP, NbTables.POLICY}) {
            if (keys.stream().noneMatch(k -> k.startsWith(table + ":"))) {
                continue;
            }
            for (Row row : replica.rows(table).values()) {
                if (Owned.kind(row).isEmpty()) {
                    continue;
                }
                String key = Ledger.key(row);
                if (key != null && keys.contains(key)) {
                    result.put(key, Ledger.fingerprint(row));
                }
            }
        }
        return result;
    }
}
