package org.osc.server.audit;

import java.time.Instant;

/**
 * What {@code GET /audit} asks for; null fields do not filter.
 *
 * @param user records of this user (the name, the name tried, or the token's name)
 * @param method records of this HTTP method
 * @param status records with this answer status
 * @param objectType records about this kind of object
 * @param objectId records about the object with this id or name
 * @param since records at or after this time
 * @param until records before this time
 * @param before records with an id below this one (the next page's cursor), or null for the newest
 * @param limit at most this many (1 or more)
 */
public record AuditQuery(String user, String method, Integer status, String objectType, String objectId,
        Instant since, Instant until, Long before, int limit) {

    /** The most records one page holds. */
    public static final int MAX_LIMIT = 1000;
    /** The records of a page when no limit is given. */
    public static final int DEFAULT_LIMIT = 100;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
    }

    /** @return a query for everything, newest first, at most limit records */
    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, null, limit);
    }
}
