package org.osc.ovsdb;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of changes to a {@link Replica}. Calls come on the client's event thread, one at a time, after the
 * replica has applied the change; they should not block for long.
 *
 * <p>The first content received is not reported row by row ({@link #onSynced()} says it is there). After a
 * reconnect the replica compares the new content with what it had and reports only the differences, so a
 * listener sees each row inserted, modified or deleted while the connection was down exactly once.
 */
@ConsumerType
public interface ReplicaListener {

    /**
     * @param row a row that appeared
     */
    default void onInsert(Row row) {
    }

    /**
     * @param previous the row as it was
     * @param current the row as it is now
     */
    default void onModify(Row previous, Row current) {
    }

    /**
     * @param row the row that disappeared, as it was
     */
    default void onDelete(Row row) {
    }

    /**
     * The replica holds the server's complete content again (first sync, or rebuilt after a reconnect). Called
     * before {@link Replica#awaitSynced} lets its waiters go, so that what a listener derives from the rows is
     * complete by the time they read it.
     */
    default void onSynced() {
    }

    /**
     * The connection ended: the replica keeps its content but it may be out of date until {@link #onSynced()}.
     */
    default void onStale() {
    }
}
