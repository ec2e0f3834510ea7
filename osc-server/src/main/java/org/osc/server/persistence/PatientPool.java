package org.osc.server.persistence;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * The connection pool as the server uses it: a caller waits for a connection up to the configured timeout while
 * the pool is busy, but not while the database cannot be reached. The pool itself waits in short slices
 * ({@link #SLICE}, its own connection timeout); between two slices a caller gives up at once when the pool holds no
 * connection at all (it lost every one and cannot open one: the database is away). Without the slices the first
 * caller after an outage began waited the whole timeout: the pool found its idle connections dead one by one, then
 * waited for a new one that could not come.
 *
 * <p>GAP: once the database is back, requests answer 503 until the pool has reconnected by itself, and HikariCP
 * tries again with a backoff that grows to 5 s during a long outage (not configurable): recovery takes up to about
 * 5 s. Unpooled connections for that time, or a pool that can be told to try at once, would cut it to the probe's
 * second.
 */
final class PatientPool implements DataSource {

    /** How long the pool waits at a time, its own connection timeout (the least it accepts). */
    static final Duration SLICE = Duration.ofMillis(250);

    private final HikariDataSource pool;
    private final Duration timeout;

    /**
     * @param pool the pool, whose connection timeout is {@link #SLICE}
     * @param timeout how long a caller waits for a connection while the pool is busy
     */
    PatientPool(HikariDataSource pool, Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    /**
     * Whether the database is known to be unreachable: the pool holds no connection at all. It keeps at least one
     * while the database answers (it is filled at start and refilled at once), and loses them when the database
     * goes away; then callers fail at once instead of each waiting the connection timeout, until the pool has
     * reconnected by itself (see the GAP above).
     */
    boolean unreachable() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        return bean != null && bean.getTotalConnections() == 0;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (unreachable()) {
                throw new SQLTransientConnectionException("The connection pool has no connection left and cannot "
                        + "open one", "08001");
            }
            try {
                return pool.getConnection();
            } catch (SQLTransientConnectionException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new SQLTransientConnectionException("No database connection was free within "
                            + timeout.toMillis() + " ms", e.getSQLState(), e);
                }
                // busy, or the database just went away: the loop tells which
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The pool's connections have the configured user");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
