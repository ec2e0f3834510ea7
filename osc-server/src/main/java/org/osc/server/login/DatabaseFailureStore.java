package org.osc.server.login;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osc.server.persistence.Database;

/**
 * The throttle's state in the database (migration V13: {@code login_failure}, {@code login_trust}), shared by every
 * replica on it and kept across restarts.
 *
 * <p>An attempt reads its name's and address's rows and its pair's trust in one statement. A failure is one
 * statement on PostgreSQL: an upsert ({@code INSERT ... ON CONFLICT DO UPDATE}) that counts it and sets the lock
 * from the row's latest version under the row's lock, so concurrent failures on several replicas are each counted
 * (none is lost) and each sees the count its own increment made. On H2 (one process only) it is an update, or an
 * insert for a new key, under this store's monitor. Times are the callers' clocks (the replicas' clocks should agree
 * within a second or so: a skew of a few seconds shortens or lengthens a lock by as much).
 *
 * <p>GAP: the times are the replicas' clocks, not the database's (the leader lease uses {@code clock_timestamp()}):
 * kept so that the rules are tested with a clock the test moves. A replica whose clock is ahead sees locks end early.
 *
 * <p>Bounded: every {@link #PRUNE_EVERY} writes, or a minute after the last pruning, the rows whose failures are
 * forgotten and the pairs whose trust ended are deleted, and then the oldest beyond {@code capacity} of each kind.
 */
final class DatabaseFailureStore implements FailureStore {

    /** How many writes (of this process) at most go between two prunings. */
    static final int PRUNE_EVERY = 256;
    private static final Duration PRUNE_PERIOD = Duration.ofMinutes(1);

    private static final String STANDING_NAME = "SELECT 'N', locked_until_ms FROM login_failure"
            + " WHERE kind = 'N' AND subject = :name AND last_failure_ms > :nameForgotten";
    private static final String STANDING_ADDRESS = "SELECT 'A', locked_until_ms FROM login_failure"
            + " WHERE kind = 'A' AND subject = :address AND last_failure_ms > :addressForgotten";
    private static final String STANDING_TRUST = "SELECT 'T', trusted_until_ms FROM login_trust"
            + " WHERE name = :name AND address = :address AND trusted_until_ms > :now";
    private static final NamedSql STANDING = new NamedSql(STANDING_NAME + " UNION ALL " + STANDING_ADDRESS
            + " UNION ALL " + STANDING_TRUST);
    private static final NamedSql STANDING_OF_ADDRESS = new NamedSql(STANDING_ADDRESS);
    private static final NamedSql RESET = new NamedSql(
            "DELETE FROM login_failure WHERE kind = :kind AND subject = :subject");
    private static final NamedSql INSERT = new NamedSql("INSERT INTO login_failure"
            + " (kind, subject, failures, last_failure_ms, locked_until_ms) VALUES (:kind, :subject, 1, :now, :first)");
    private static final NamedSql COUNT = new NamedSql(
            "SELECT failures FROM login_failure WHERE kind = :kind AND subject = :subject");
    private static final NamedSql TRUST_POSTGRES = new NamedSql("INSERT INTO login_trust AS t"
            + " (name, address, trusted_until_ms) VALUES (:name, :address, :until) ON CONFLICT (name, address)"
            + " DO UPDATE SET trusted_until_ms = GREATEST(t.trusted_until_ms, EXCLUDED.trusted_until_ms)");
    private static final NamedSql TRUST_H2 = new NamedSql(
            "MERGE INTO login_trust KEY (name, address) VALUES (:name, :address, :until)");
    private static final NamedSql FORGET = new NamedSql(
            "DELETE FROM login_failure WHERE kind = :kind AND last_failure_ms <= :forgotten");
    /** The newest row beyond the capacity (ordered by time, then key: rows of one millisecond are told apart). */
    private static final NamedSql NEWEST_BEYOND = new NamedSql("SELECT last_failure_ms, subject FROM login_failure"
            + " WHERE kind = :kind ORDER BY last_failure_ms DESC, subject DESC"
            + " OFFSET :capacity ROWS FETCH NEXT 1 ROWS ONLY");
    private static final NamedSql DROP_UP_TO = new NamedSql("DELETE FROM login_failure WHERE kind = :kind"
            + " AND (last_failure_ms < :cut OR last_failure_ms = :cut AND subject <= :key)");
    private static final NamedSql TRUST_ENDED = new NamedSql(
            "DELETE FROM login_trust WHERE trusted_until_ms <= :now");
    private static final NamedSql TRUST_BEYOND = new NamedSql("SELECT trusted_until_ms, name || ' ' || address"
            + " FROM login_trust ORDER BY trusted_until_ms DESC, name || ' ' || address DESC"
            + " OFFSET :capacity ROWS FETCH NEXT 1 ROWS ONLY");
    private static final NamedSql TRUST_UP_TO = new NamedSql("DELETE FROM login_trust WHERE trusted_until_ms < :cut"
            + " OR trusted_until_ms = :cut AND name || ' ' || address <= :key");
    private static final NamedSql SIZE = new NamedSql("SELECT COUNT(*) FROM login_failure WHERE kind = :kind");
    private static final NamedSql PAIRS = new NamedSql("SELECT COUNT(*) FROM login_trust");

    private static final Object H2_COUNTING = new Object();

    private final Database database;
    private final boolean postgres;
    private final LockRule nameRule;
    private final LockRule addressRule;
    private final int capacity;
    private final Map<Lockout.Kind, NamedSql> counting = new HashMap<>();
    private final AtomicLong writes = new AtomicLong();
    private volatile long lastPrune = Long.MIN_VALUE;

    /**
     * @param database where the rows are
     * @param nameRule how a name's failures lock it
     * @param addressRule how an address's failures lock it
     * @param capacity how many names, how many addresses and how many trusted pairs are kept at most (beyond
     *     those written since the last pruning)
     */
    DatabaseFailureStore(Database database, LockRule nameRule, LockRule addressRule, int capacity) {
        this.database = database;
        this.postgres = "PostgreSQL".equals(database.kind());
        this.nameRule = nameRule;
        this.addressRule = addressRule;
        this.capacity = capacity;
        for (Lockout.Kind kind : Lockout.Kind.values()) {
            counting.put(kind, new NamedSql(postgres ? upsert(rule(kind)) : update(rule(kind))));
        }
    }

    @Override
    public Standing standing(String name, String address, Instant now) {
        Map<String, Object> values = new HashMap<>();
        values.put("address", address);
        values.put("addressForgotten", now.minus(addressRule.forget()).toEpochMilli());
        if (name != null) {
            values.put("name", name);
            values.put("nameForgotten", now.minus(nameRule.forget()).toEpochMilli());
            values.put("now", now.toEpochMilli());
        }
        return work(connection -> {
            Instant byName = null;
            Instant byAddress = null;
            Instant trusted = null;
            try (PreparedStatement statement = (name == null ? STANDING_OF_ADDRESS : STANDING)
                    .prepare(connection, values); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Instant at = Instant.ofEpochMilli(rows.getLong(2));
                    switch (rows.getString(1)) {
                        case "N" -> byName = at;
                        case "A" -> byAddress = at;
                        default -> trusted = at;
                    }
                }
            }
            return new Standing(byName, byAddress, trusted);
        });
    }

    @Override
    public FailureCounts.Failure fail(Lockout.Kind kind, String key, Instant now) {
        LockRule rule = rule(kind);
        Map<String, Object> values = new HashMap<>();
        values.put("kind", code(kind));
        values.put("subject", key);
        values.put("now", now.toEpochMilli());
        Duration first = rule.lock(1);
        values.put("first", first.isZero() ? 0L : now.plus(first).toEpochMilli());
        int failures = postgres ? work(connection -> count(connection, counting.get(kind), values)) : failOnH2(kind,
                values);
        pruneNowAndThen(now);
        return new FailureCounts.Failure(failures, rule.lock(failures));
    }

    /** H2 holds one process: the update and the insert are made one by a monitor of the process. */
    private int failOnH2(Lockout.Kind kind, Map<String, Object> values) {
        synchronized (H2_COUNTING) {
            return work(connection -> {
                int updated;
                try (PreparedStatement update = counting.get(kind).prepare(connection, values)) {
                    updated = update.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement insert = INSERT.prepare(connection, values)) {
                        insert.executeUpdate();
                    }
                }
                return count(connection, COUNT, values);
            });
        }
    }

    @Override
    public void reset(Lockout.Kind kind, String key) {
        work(connection -> {
            try (PreparedStatement statement = RESET.prepare(connection, Map.of("kind", code(kind), "subject", key))) {
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void trust(String name, String address, Instant until, Instant now) {
        work(connection -> {
            try (PreparedStatement statement = (postgres ? TRUST_POSTGRES : TRUST_H2).prepare(connection,
                    Map.of("name", name, "address", address, "until", until.toEpochMilli()))) {
                return statement.executeUpdate();
            }
        });
        pruneNowAndThen(now);
    }

    @Override
    public int size(Lockout.Kind kind) {
        return work(connection -> count(connection, SIZE, Map.of("kind", code(kind))));
    }

    @Override
    public int trustedPairs() {
        return work(connection -> count(connection, PAIRS, Map.of()));
    }

    /** Deletes what is forgotten, then the oldest beyond the capacity; see the class. */
    void prune(Instant now) {
        long nowMillis = now.toEpochMilli();
        work(connection -> {
            for (Lockout.Kind kind : Lockout.Kind.values()) {
                String code = code(kind);
                execute(connection, FORGET, Map.of("kind", code, "forgotten",
                        now.minus(rule(kind).forget()).toEpochMilli()));
                Map<String, Object> cut = cut(connection, NEWEST_BEYOND, Map.of("kind", code, "capacity", capacity));
                if (cut != null) {
                    cut.put("kind", code);
                    execute(connection, DROP_UP_TO, cut);
                }
            }
            execute(connection, TRUST_ENDED, Map.of("now", nowMillis));
            Map<String, Object> cut = cut(connection, TRUST_BEYOND, Map.of("capacity", capacity));
            if (cut != null) {
                execute(connection, TRUST_UP_TO, cut);
            }
            return null;
        });
        lastPrune = nowMillis;
    }

    private void pruneNowAndThen(Instant now) {
        long nowMillis = now.toEpochMilli();
        long last = lastPrune;
        if (writes.incrementAndGet() % PRUNE_EVERY == 0 || last == Long.MIN_VALUE
                || nowMillis - last >= PRUNE_PERIOD.toMillis()) {
            lastPrune = nowMillis; // one pruning at a time, even if it fails
            prune(now);
        }
    }

    private LockRule rule(Lockout.Kind kind) {
        return kind == Lockout.Kind.NAME ? nameRule : addressRule;
    }

    private static String code(Lockout.Kind kind) {
        return kind == Lockout.Kind.NAME ? "N" : "A";
    }

    /**
     * The upsert that counts a failure on PostgreSQL: the SET expressions see the row as it was (prefix
     * {@code f.}), and PostgreSQL evaluates them on its latest version, under its lock.
     */
    private static String upsert(LockRule rule) {
        return "INSERT INTO login_failure AS f (kind, subject, failures, last_failure_ms, locked_until_ms)"
                + " VALUES (:kind, :subject, 1, :now, :first) ON CONFLICT (kind, subject) DO UPDATE SET "
                + assignments(rule, "f.") + " RETURNING failures";
    }

    /** The update that counts a failure of a key that has a row, on H2. */
    private static String update(LockRule rule) {
        return "UPDATE login_failure SET " + assignments(rule, "") + " WHERE kind = :kind AND subject = :subject";
    }

    /**
     * The new count: 1 when the row's failures are forgotten, else one more; the new lock: from the threshold on,
     * base × 2^(count − threshold), at most the cap, from now (never shortening a lock another replica set with a
     * clock a little ahead); below it, the lock as it was (none when forgotten). The rule's numbers are written
     * into the text (they are the server's settings, not input).
     */
    private static String assignments(LockRule rule, String old) {
        String forgotten = "(" + old + "last_failure_ms + " + rule.forget().toMillis() + " <= :now)";
        String count = "(CASE WHEN " + forgotten + " THEN 1 ELSE " + old + "failures + 1 END)";
        String previous = "(CASE WHEN " + forgotten + " THEN 0 ELSE " + old + "locked_until_ms END)";
        String lock = "LEAST(" + rule.cap().toMillis() + ", " + rule.base().toMillis()
                + " * CAST(POWER(2, LEAST(" + count + " - " + rule.threshold() + ", 40)) AS BIGINT))";
        return "failures = " + count + ", last_failure_ms = GREATEST(" + old + "last_failure_ms, :now),"
                + " locked_until_ms = CASE WHEN " + count + " >= " + rule.threshold() + " THEN GREATEST(" + previous
                + ", :now + " + lock + ") ELSE " + previous + " END";
    }

    private static int count(Connection connection, NamedSql sql, Map<String, Object> values) throws SQLException {
        Long value = first(connection, sql, values);
        if (value == null) {
            throw new SQLException("The login failure row vanished while it was counted");
        }
        return value.intValue();
    }

    private static Long first(Connection connection, NamedSql sql, Map<String, Object> values) throws SQLException {
        try (PreparedStatement statement = sql.prepare(connection, values); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : null;
        }
    }

    /** @return the time and key of the row the query finds ({@code cut}, {@code key}), or null when none */
    private static Map<String, Object> cut(Connection connection, NamedSql sql, Map<String, Object> values)
            throws SQLException {
        try (PreparedStatement statement = sql.prepare(connection, values); ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return null;
            }
            Map<String, Object> cut = new HashMap<>();
            cut.put("cut", rows.getLong(1));
            cut.put("key", rows.getString(2));
            return cut;
        }
    }

    private static void execute(Connection connection, NamedSql sql, Map<String, Object> values) throws SQLException {
        try (PreparedStatement statement = sql.prepare(connection, values)) {
            statement.executeUpdate();
        }
    }

    /** JDBC work in one transaction of the database's pool. */
    @FunctionalInterface
    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return database.inTransaction(session -> session.doReturningWork(work::on));
    }
}
