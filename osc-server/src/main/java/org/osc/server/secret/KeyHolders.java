package org.osc.server.secret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The replicas' key ids and the agreed active key, in the database (migration V14), over JDBC inside the caller's
 * transaction: every replica records the ids of the keys it holds (never a key) and when it last did, by the
 * database's clock; the one row of {@code secret_key_active} names the key new secrets are encrypted under.
 */
final class KeyHolders {

    /**
     * What a replica recorded.
     *
     * @param replica its identity
     * @param keyIds the ids of the keys its ring holds
     * @param activeKeyId the key it encrypts new values under
     * @param age how long ago it recorded them, by the database's clock
     */
    record Holder(String replica, List<String> keyIds, String activeKeyId, Duration age) {
    }

    private KeyHolders() {
    }

    /** Records the key ids this replica holds now. */
    static void record(Connection connection, String replica, Collection<String> keyIds, String activeKeyId)
            throws SQLException {
        String ids = String.join(",", keyIds);
        try (PreparedStatement update = connection.prepareStatement("UPDATE secret_key_holder SET key_ids = ?, "
                + "active_key_id = ?, seen_at = CURRENT_TIMESTAMP WHERE replica = ?")) {
            update.setString(1, ids);
            update.setString(2, activeKeyId);
            update.setString(3, replica);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO secret_key_holder (replica, "
                + "key_ids, active_key_id, seen_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            insert.setString(1, replica);
            insert.setString(2, ids);
            insert.setString(3, activeKeyId);
            insert.executeUpdate();
        }
    }

    /** @return every replica's record, oldest identity first */
    static List<Holder> all(Connection connection) throws SQLException {
        List<Holder> holders = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT replica, key_ids, active_key_id, seen_at,"
                + " CURRENT_TIMESTAMP FROM secret_key_holder ORDER BY replica");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String ids = rows.getString(2);
                Duration age = Duration.between(rows.getObject(4, OffsetDateTime.class),
                        rows.getObject(5, OffsetDateTime.class));
                holders.add(new Holder(rows.getString(1), ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")),
                        rows.getString(3), age.isNegative() ? Duration.ZERO : age));
            }
        }
        return holders;
    }

    /** Removes a replica's record (it stops, or has not been seen for long). */
    static void remove(Connection connection, String replica) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM secret_key_holder WHERE replica = ?")) {
            delete.setString(1, replica);
            delete.executeUpdate();
        }
    }

    /** Removes every replica's record but this one's (on H2, which one process only can use). */
    static void removeOthers(Connection connection, String replica) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM secret_key_holder WHERE replica <> ?")) {
            delete.setString(1, replica);
            delete.executeUpdate();
        }
    }

    /** @return the key id new secrets are encrypted under, when one is recorded */
    static Optional<String> active(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT key_id FROM secret_key_active WHERE id = 1"); ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        }
    }

    /**
     * Records the key id new secrets are encrypted under. The update locks the row, so that two rotations on two
     * replicas run one after the other.
     */
    static void setActive(Connection connection, String keyId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE secret_key_active SET key_id = ?, "
                + "changed_at = CURRENT_TIMESTAMP WHERE id = 1")) {
            update.setString(1, keyId);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO secret_key_active (id, key_id, "
                + "changed_at) VALUES (1, ?, CURRENT_TIMESTAMP)")) {
            insert.setString(1, keyId);
            insert.executeUpdate();
        }
    }
}
