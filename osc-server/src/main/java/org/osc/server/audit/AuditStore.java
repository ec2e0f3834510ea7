package org.osc.server.audit;

import java.time.Instant;
import java.util.List;

/** Where audit records are kept: the server's database ({@link JdbcAuditStore}). */
public interface AuditStore {

    /**
     * Stores the records in one transaction: all of them or, when it throws, none.
     *
     * @throws RuntimeException when the store cannot be reached or refuses them
     */
    void insert(List<AuditRecord> records);

    /**
     * Records matching the query, newest (highest id) first.
     *
     * @return at most the query's limit
     */
    List<AuditRecord> find(AuditQuery query);

    /**
     * Removes the records older than the given time.
     *
     * @return how many were removed
     */
    int prune(Instant before);
}
