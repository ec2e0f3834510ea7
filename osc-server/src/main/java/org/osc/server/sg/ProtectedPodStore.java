package org.osc.server.sg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.hibernate.Session;

/**
 * The pods each security group protects, as its last reconcile found them (table {@code security_group_pod}).
 * Plain SQL rather than an entity: the rows are a cache the reconciler rewrites as a whole, never edited on
 * their own, so they need neither identity nor optimistic locking.
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

    /** Replaces the group's pods when they differ from the stored ones. */
    static void replace(Session session, long groupId, List<ProtectedPod> pods) {
        session.doWork(connection -> {
            if (read(connection, groupId).equals(sorted(pods))) {
                return;
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM security_group_pod WHERE security_group_id = ?")) {
                delete.setLong(1, groupId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO security_group_pod "
                    + "(security_group_id, pod_uid, namespace, name, port_id, mac_address, ip_addresses) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (ProtectedPod pod : pods) {
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
        });
    }

    private static List<ProtectedPod> read(Connection connection, long groupId) throws SQLException {
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
        return sorted(pods);
    }

    private static List<ProtectedPod> sorted(List<ProtectedPod> pods) {
        // Sorted in Java, not SQL: collations differ between H2 and PostgreSQL.
        List<ProtectedPod> copy = new ArrayList<>(pods);
        copy.sort(Comparator.comparing(ProtectedPod::namespace).thenComparing(ProtectedPod::name)
                .thenComparing(ProtectedPod::uid));
        return copy;
    }
}
