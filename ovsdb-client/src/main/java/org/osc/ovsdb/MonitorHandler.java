package org.osc.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives what a monitor reports. All calls for all monitors of one client come on one event thread, in the
 * order the server sent them; a handler may call the client (even synchronously) but should not block for long.
 */
@ConsumerType
public interface MonitorHandler {

    /**
     * The monitor was (re-)established: the complete current content of the monitored tables. After a
     * reconnect this comes again and replaces whatever was known before.
     *
     * @param tableUpdates {@code <table-updates>} with only {@code new} rows (RFC 7047 section 4.1.5)
     */
    void onInitial(JsonNode tableUpdates);

    /**
     * A change committed after the initial content.
     *
     * @param tableUpdates {@code <table-updates>}: {@code new} only for an insert, {@code old} only for a delete,
     *     both for a modify ({@code old} holding only the changed columns, {@code new} the whole row)
     */
    void onUpdate(JsonNode tableUpdates);

    /**
     * The connection ended; what was received may be out of date until the next {@link #onInitial}.
     */
    default void onDisconnected() {
    }

    /**
     * The server refused the monitor (e.g. an unknown table or column); the client tries again after the next
     * reconnect only.
     *
     * @param error what the server said
     */
    default void onError(OvsdbException error) {
    }
}
