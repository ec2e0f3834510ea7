package org.osc.server.secret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The secret columns as stored, over JDBC: which keys their values are under, and rewriting them all (old
 * plaintext encrypted, values re-encrypted under a new key). Works inside the caller's transaction.
 */
final class SecretRows {

    /** The key id counted for values that are still plaintext. */
    static final String PLAINTEXT = "plaintext";

    /** What a rewrite did: values (re-)encrypted, and values left as they were because they do not decrypt. */
    record Rewritten(int encrypted, int unreadable) {
    }

    private SecretRows() {
    }

    /** @return how many stored values each key id has ({@link #PLAINTEXT} for values not encrypted yet) */
    static Map<String, Integer> countByKey(Connection connection) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        for (SecretColumn column : SecretColumn.values()) {
            for (Row row : rows(connection, column)) {
                counts.merge(SecretCipher.keyIdOf(row.value()).orElse(PLAINTEXT), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * Encrypts, under the cipher's active key, every value that is plaintext or (unless {@code plaintextOnly}) under
     * another key; a value that does not decrypt is counted and left as it is.
     */
    static Rewritten rewrite(Connection connection, SecretCipher cipher, boolean plaintextOnly)
            throws SQLException {
        int encrypted = 0;
        int unreadable = 0;
        String active = cipher.ring().activeId();
        for (SecretColumn column : SecretColumn.values()) {
            String where = String.join(" AND ", column.rowKey().stream().map(k -> k + " = ?").toList());
            String sql = "UPDATE " + column.table() + " SET " + column.column() + " = ? WHERE " + where;
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (Row row : rows(connection, column)) {
                    boolean sealed = SecretCipher.isSealed(row.value());
                    if (sealed && (plaintextOnly || SecretCipher.keyIdOf(row.value()).filter(active::equals)
                            .isPresent())) {
                        continue;
                    }
                    String plaintext;
                    try {
                        plaintext = sealed ? cipher.open(row.value(), column.place()) : row.value();
                    } catch (UnreadableSecretException e) {
                        unreadable++;
                        continue;
                    }
                    update.setString(1, cipher.seal(plaintext, column.place()));
                    for (int i = 0; i < row.key().size(); i++) {
                        update.setObject(i + 2, row.key().get(i));
                    }
                    update.addBatch();
                    encrypted++;
                }
                update.executeBatch();
            }
        }
        return new Rewritten(encrypted, unreadable);
    }

    private record Row(List<Object> key, String value) {
    }

    private static List<Row> rows(Connection connection, SecretColumn column) throws SQLException {
        String sql = "SELECT " + String.join(", ", column.rowKey()) + ", " + column.column() + " FROM "
                + column.table() + " WHERE " + column.column() + " IS NOT NULL";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet result = select.executeQuery()) {
            int keys = column.rowKey().size();
            while (result.next()) {
                List<Object> key = new ArrayList<>(keys);
                for (int i = 1; i <= keys; i++) {
                    key.add(result.getObject(i));
                }
                rows.add(new Row(key, result.getString(keys + 1)));
            }
        }
        return rows;
    }
}
