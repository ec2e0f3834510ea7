package org.osc.server.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.osc.server.error.ConflictException;
import org.osc.server.error.OscException;
import org.osc.server.error.ValidationException;

/**
 * What a write the database refused means to the caller, in one place for H2 and PostgreSQL.
 *
 * <ul>
 * <li>A unique constraint (SQL state 23505 on both; Hibernate's {@link ConstraintViolationException} of kind
 * UNIQUE) is a lost race for a name: the services check names first, so only a concurrent request that
 * committed the same name in between gets here. 409 naming the field the constraint guards.
 * <li>A data exception (SQL state class 22: a value too long, a character the database cannot store) is input
 * the request checks missed: 400. The database's own message quotes the value, so it goes nowhere.
 * </ul>
 */
public final class StoreErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String DATA_EXCEPTION_CLASS = "22";
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    /** Each unique constraint of the migrations: the request field it guards and what it names. */
    private record Guarded(String field, String what) {
    }

    private static final Map<String, Guarded> UNIQUE = Map.ofEntries(
            Map.entry("uq_osc_user_name", new Guarded("name", "A user with this name")),
            Map.entry("uq_vc_name", new Guarded("name", "A virtualization connector with this name")),
            Map.entry("uq_mc_name", new Guarded("name", "A manager connector with this name")),
            Map.entry("uq_appliance_model", new Guarded("model", "An appliance with this model")),
            Map.entry("uq_appliance_version", new Guarded("swVersion", "A version with this swVersion")),
            Map.entry("uq_da_name", new Guarded("name", "A distributed appliance with this name")),
            Map.entry("uq_vs", new Guarded("virtualSystems", "A virtual system on this virtualization connector")),
            Map.entry("uq_ds_name", new Guarded("name", "A deployment spec with this name")),
            Map.entry("uq_sg_name", new Guarded("name", "A security group with this name")),
            Map.entry("uq_sg_member", new Guarded("members", "A member with this name")),
            Map.entry("uq_sgi", new Guarded("bindings", "A binding to this virtual system")),
            Map.entry("uq_api_token_user_name", new Guarded("name", "A token of yours with this name")));

    private StoreErrors() {
    }

    /** @return the caller's view of a failure the database caused, empty when it is none of the above */
    public static Optional<OscException> of(Throwable failure) {
        ConstraintViolationException violation = find(failure, ConstraintViolationException.class);
        SQLException sql = find(failure, SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        boolean unique = UNIQUE_VIOLATION.equals(state) || (violation != null
                && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE);
        if (unique) {
            Guarded guarded = guarded(violation, sql);
            return Optional.of(guarded == null
                    ? new ConflictException("An object with the same name was created at the same time; read "
                            + "the objects again")
                    : new ConflictException(guarded.field(), guarded.what() + " was created at the same time "
                            + "by another request"));
        }
        if (state != null && state.startsWith(DATA_EXCEPTION_CLASS)) {
            return Optional.of(new ValidationException("body", "a value is too long or has characters the "
                    + "database cannot store"));
        }
        return Optional.empty();
    }

    /**
     * @return whether the failure is the database not answering (no connection could be had, or the one in use
     *     broke: Hibernate's {@link JDBCConnectionException}, a JDBC connection exception, SQL state class 08)
     *     rather than a refused statement; the caller retries once the database answers
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)) {
                return true;
            }
        }
        return false;
    }

    /** @return the SQL state of the failure's database error, for the log; null when there is none */
    public static String sqlState(Throwable failure) {
        SQLException sql = find(failure, SQLException.class);
        return sql == null ? null : sql.getSQLState();
    }

    private static Guarded guarded(ConstraintViolationException violation, SQLException sql) {
        // H2 names the index ("PUBLIC.UQ_VC_NAME_INDEX_8 ON ..."), PostgreSQL the constraint: match by name.
        String where = ((violation == null || violation.getConstraintName() == null ? ""
                : violation.getConstraintName()) + " " + (sql == null || sql.getMessage() == null ? ""
                        : sql.getMessage())).toLowerCase(Locale.ROOT);
        Guarded best = null;
        int bestLength = 0;
        for (Map.Entry<String, Guarded> entry : UNIQUE.entrySet()) {
            // The longest name found wins, should one constraint's name ever contain another's.
            if (where.contains(entry.getKey()) && entry.getKey().length() > bestLength) {
                best = entry.getValue();
                bestLength = entry.getKey().length();
            }
        }
        return best;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t instanceof SQLException sql && sql.getNextException() != null
                    && type.isInstance(sql.getNextException())) {
                return type.cast(sql.getNextException());
            }
        }
        return null;
    }
}
