package org.osc.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.osc.server.persistence.Database;

/**
 * Audit records in the {@code audit_record} table (migration V9), written and read with plain JDBC through the
 * server's {@link Database} (a batch insert per transaction; no entity, so Hibernate keeps no state for them).
 * Works on H2 and PostgreSQL.
 */
public final class JdbcAuditStore implements AuditStore {

    private static final String COLUMNS = "at, event, user_name, token_name, role, source, method, path, "
            + "object_type, object_id, status, job_id, request_id, detail";
    private static final String INSERT = "INSERT INTO audit_record (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database database;

    /** A store in the given database. */
    public JdbcAuditStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        database.run(session -> session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (AuditRecord r : records) {
                    insert.setObject(1, OffsetDateTime.ofInstant(r.time(), ZoneOffset.UTC));
                    insert.setString(2, r.event());
                    insert.setString(3, clip(r.user(), 255));
                    insert.setString(4, clip(r.token(), 255));
                    insert.setString(5, clip(r.role(), 16));
                    insert.setString(6, clip(r.source(), 64));
                    insert.setString(7, clip(r.method(), 16));
                    insert.setString(8, clip(r.path(), 1024));
                    insert.setString(9, clip(r.objectType(), 64));
                    insert.setString(10, clip(r.objectId(), 255));
                    insert.setInt(11, r.status());
                    if (r.jobId() == null) {
                        insert.setNull(12, Types.BIGINT);
                    } else {
                        insert.setLong(12, r.jobId());
                    }
                    insert.setString(13, clip(r.requestId(), 64));
                    insert.setString(14, clip(r.detail(), 1024));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }));
    }

    @Override
    public List<AuditRecord> find(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT id, " + COLUMNS + " FROM audit_record WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.user() != null) {
            sql.append(" AND (user_name = ? OR token_name = ?)");
            args.add(q.user());
            args.add(q.user());
        }
        condition(sql, args, "method", q.method());
        condition(sql, args, "status", q.status());
        condition(sql, args, "object_type", q.objectType());
        condition(sql, args, "object_id", q.objectId());
        if (q.since() != null) {
            sql.append(" AND at >= ?");
            args.add(OffsetDateTime.ofInstant(q.since(), ZoneOffset.UTC));
        }
        if (q.until() != null) {
            sql.append(" AND at < ?");
            args.add(OffsetDateTime.ofInstant(q.until(), ZoneOffset.UTC));
        }
        if (q.before() != null) {
            sql.append(" AND id < ?");
            args.add(q.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(q.limit());
        return database.read(session -> session.doReturningWork(connection -> query(connection, sql.toString(),
                args)));
    }

    @Override
    public int prune(Instant before) {
        return database.inTransaction(session -> session.doReturningWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM audit_record WHERE at < ?")) {
                delete.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
                return delete.executeUpdate();
            }
        }));
    }

    private static void condition(StringBuilder sql, List<Object> args, String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static List<AuditRecord> query(Connection connection, String sql, List<Object> args)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                select.setObject(i + 1, args.get(i));
            }
            List<AuditRecord> records = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long job = rs.getLong("job_id");
                    Long jobId = rs.wasNull() ? null : job;
                    records.add(new AuditRecord(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class)
                            .toInstant(), rs.getString("event"), rs.getString("user_name"), rs.getString("token_name"),
                            rs.getString("role"), rs.getString("source"), rs.getString("method"), rs.getString("path"),
                            rs.getString("object_type"), rs.getString("object_id"), rs.getInt("status"), jobId,
                            rs.getString("request_id"), rs.getString("detail")));
                }
            }
            return records;
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
