package org.osc.server.sg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.Session;

/**
 * The pods each security group protects, as its last reconcile found them (table {@code security_group_pod}).
 * Plain SQL rather than an entity: the rows are a cache the reconciler keeps equal to what it last found, never
 * edited otherwise, so they need neither identity nor optimistic locking.
 */
final class ProtectedPodStore {

    /**
     * A protected pod and its SDN port.
     *
     * @param portId null while the SDN controller has no port for the pod
     */
    record ProtectedPod(String uid, String namespace, String name, String portId, String macAddress,
            List<String> ipAddresses) {

        ProtectedPod {
            ipAddresses = List.copyOf(ipAddresses);
        }
    }

    private ProtectedPodStore() {
    }

    /** @return the group's pods, by namespace and name */
    static List<ProtectedPod> read(Session session, long groupId) {
        return session.doReturningWork(connection -> read(connection, groupId));
    }

    /**
     * Makes the stored pods of the group the given ones, writing only the rows that differ: a pod joining or
     * leaving a large group is one row, not the whole group deleted and inserted again.
     *
     * @param known what the table holds for the group, when the caller knows it (it then is not read); null to
     *     read it
     */
    static void replace(Session session, long groupId, List<ProtectedPod> pods, List<ProtectedPod> known) {
        session.doWork(connection -> {
            Map<String, ProtectedPod> stored = byUid(known != null ? known : rows(connection, groupId));
            Map<String, ProtectedPod> wanted = byUid(pods);
            List<String> gone = new ArrayList<>();
            stored.forEach((uid, pod) -> {
                if (!pod.equals(wanted.get(uid))) {
                    gone.add(uid); // left the group, or changed: its row is written again below
                }
            });
            List<ProtectedPod> added = wanted.values().stream().filter(p -> !p.equals(stored.get(p.uid()))).toList();
            if (!gone.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM security_group_pod WHERE security_group_id = ? AND pod_uid = ?")) {
                    for (String uid : gone) {
                        delete.setLong(1, groupId);
                        delete.setString(2, uid);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            if (!added.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO security_group_pod "
                        + "(security_group_id, pod_uid, namespace, name, port_id, mac_address, ip_addresses) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (ProtectedPod pod : added) {
                        insert.setLong(1, groupId);
                        insert.setString(2, pod.uid());
                        insert.setString(3, pod.namespace());
                        insert.setString(4, pod.name());
                        insert.setString(5, pod.portId());
                        insert.setString(6, pod.macAddress());
                        insert.setString(7, String.join(",", pod.ipAddresses()));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        });
    }

    /** @return the pods by uid (the table's key within a group), in their order */
    private static Map<String, ProtectedPod> byUid(List<ProtectedPod> pods) {
        Map<String, ProtectedPod> map = new LinkedHashMap<>();
        pods.forEach(p -> map.put(p.uid(), p));
        return map;
    }

    private static List<ProtectedPod> read(Connection connection, long groupId) throws SQLException {
        return sorted(rows(connection, groupId));
    }

    /** @return the group's rows in no particular order (what a diff needs: no sort of a thousand pods) */
    private static List<ProtectedPod> rows(Connection connection, long groupId) throws SQLException {
        List<ProtectedPod> pods = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT pod_uid, namespace, name, port_id, "
                + "mac_address, ip_addresses FROM security_group_pod WHERE security_group_id = ?")) {
            query.setLong(1, groupId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String ips = rows.getString(6);
                    pods.add(new ProtectedPod(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5),
                            ips == null || ips.isEmpty() ? List.of() : Arrays.asList(ips.split(","))));
                }
            }
        }
        return pods;
    }

    private static List<ProtectedPod> sorted(List<ProtectedPod> pods) {
        // Sorted in Java, not SQL: collations differ between H2 and PostgreSQL.
        List<ProtectedPod> copy = new ArrayList<>(pods);
        copy.sort(Comparator.comparing(ProtectedPod::namespace).thenComparing(ProtectedPod::name)
                .thenComparing(ProtectedPod::uid));
        return copy;
    }
}
