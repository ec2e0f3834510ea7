package org.osc.server.persistence;

import java.sql.SQLException;

/**
 * Tells H2's refusal to open a file database another process holds (its error 90020, "Database may be already in
 * use"), so that the start says what it means: several OSC processes on one H2 file, which H2 cannot serve.
 */
final class H2InUse {

    /** The line a second process on the same H2 file stops with. */
    static final String MESSAGE = "Another OSC process uses this H2 database; several replicas need PostgreSQL"
            + " (set OSC_DB_URL to a jdbc:postgresql: URL shared by every replica)";

    /** H2's code for a database file locked by another process. */
    private static final int DATABASE_ALREADY_OPEN = 90020;

    private H2InUse() {
    }

    /** @return whether the failure, or one of its causes, is H2's "already in use" */
    static boolean is(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SQLException sql && sql.getErrorCode() == DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }
}
