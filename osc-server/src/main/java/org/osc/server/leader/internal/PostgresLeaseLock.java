package org.osc.server.leader.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.osc.server.leader.LeaseException;
import org.osc.server.leader.LeaseLock;
import org.osc.server.leader.LeaseRecord;

/**
 * The lease as a row of {@code leader_lease} in PostgreSQL. A take or renewal is one statement that compares and
 * sets by the database's clock ({@code clock_timestamp()}): the row is written only if it is free, expired or
 * already the caller's, and PostgreSQL re-checks that condition on the row's latest version under its row lock, so
 * two replicas never both succeed. The lock keeps a connection of its own, outside the Hibernate pool (a pool
 * starved by slow requests must not cost the lease), with short timeouts; it opens it again after a failure.
 */
public final class PostgresLeaseLock implements LeaseLock, AutoCloseable {

    /** Opens a connection of the lock's own, with short timeouts. */
    @FunctionalInterface
    public interface Connector {
        /** @return a new connection in auto-commit mode */
        Connection connect() throws SQLException;
    }

    /** How long one statement may run before the lock gives up on it (the elector's watchdog covers the rest). */
    static final int QUERY_TIMEOUT_SECONDS = 5;

    /** How long the lease still holds, in milliseconds by the database's clock (0: expired). */
    private static final String REMAINING = "GREATEST(0, CAST(EXTRACT(EPOCH FROM l.renewed_at"
            + " + l.duration_ms * INTERVAL '1 millisecond' - clock_timestamp()) * 1000 AS BIGINT))";
    private static final String TAKE = "INSERT INTO leader_lease AS l (name, holder, acquired_at, renewed_at,"
            + " duration_ms, transitions) VALUES (?, ?, clock_timestamp(), clock_timestamp(), ?, 0)"
            + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder,"
            + " acquired_at = CASE WHEN l.holder = EXCLUDED.holder THEN l.acquired_at ELSE clock_timestamp() END,"
            + " renewed_at = clock_timestamp(), duration_ms = EXCLUDED.duration_ms,"
            + " transitions = l.transitions + CASE WHEN l.holder = EXCLUDED.holder THEN 0 ELSE 1 END"
            + " WHERE l.holder = EXCLUDED.holder OR l.holder IS NULL"
            + " OR l.renewed_at + l.duration_ms * INTERVAL '1 millisecond' < clock_timestamp()"
            + " RETURNING l.holder, l.acquired_at, l.renewed_at, l.duration_ms, l.transitions, " + REMAINING;
    private static final String READ = "SELECT l.holder, l.acquired_at, l.renewed_at, l.duration_ms, l.transitions, "
            + REMAINING + " FROM leader_lease l WHERE l.name = ?";
    private static final String RELEASE = "UPDATE leader_lease SET holder = NULL, renewed_at = clock_timestamp()"
            + " WHERE name = ? AND holder = ?";

    private final String name;
    private final Connector connector;
    private final String where;
    private Connection connection;

    /**
     * @param name the lease's name (the row's key)
     * @param connector opens the lock's own connection
     * @param where the database, without credentials, for {@link #describe()}
     */
    public PostgresLeaseLock(String name, Connector connector, String where) {
        this.name = name;
        this.connector = connector;
        this.where = where;
    }

    @Override
    public synchronized LeaseRecord acquireOrRenew(String identity, Duration duration) throws LeaseException {
        Optional<LeaseRecord> taken = query(TAKE, identity, duration.toMillis());
        if (taken.isPresent()) {
            return taken.get();
        }
        return read().orElseThrow(() -> new LeaseException("The lease row " + name + " vanished"));
    }

    @Override
    public synchronized Optional<LeaseRecord> read() throws LeaseException {
        return query(READ, null, 0);
    }

    @Override
    public synchronized void release(String identity) throws LeaseException {
        try (PreparedStatement statement = connection().prepareStatement(RELEASE)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setString(1, name);
            statement.setString(2, identity);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public String describe() {
        return "database lease '" + name + "' in " + where;
    }

    /** Closes the lock's connection. */
    @Override
    public synchronized void close() {
        drop();
    }

    private Optional<LeaseRecord> query(String sql, String identity, long durationMillis) throws LeaseException {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setString(1, name);
            if (identity != null) {
                statement.setString(2, identity);
                statement.setLong(3, durationMillis);
            }
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LeaseRecord(row.getString(1),
                        row.getObject(2, OffsetDateTime.class).toInstant(),
                        row.getObject(3, OffsetDateTime.class).toInstant(), Duration.ofMillis(row.getLong(4)),
                        row.getLong(5), Duration.ofMillis(row.getLong(6))));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connector.connect();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    /** A failed statement may have left the connection broken: the next call opens a new one. */
    private LeaseException failure(SQLException e) {
        drop();
        return new LeaseException("the database did not answer the lease statement: " + e.getMessage(), e);
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection: nothing more to do
            }
            connection = null;
        }
    }
}
