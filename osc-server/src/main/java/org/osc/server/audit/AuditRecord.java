package org.osc.server.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit trail, as stored, logged and served.
 *
 * @param id the store's id (0 until stored); newer records have higher ids
 * @param time when the request was answered (or the login failure or lockout happened)
 * @param event {@link #REQUEST}, {@link #LOGIN_FAILURE} or {@link #LOCKOUT}
 * @param user who: the authenticated user's name (the token's owner when a token was used), or for a login failure
 *     the name tried, escaped ({@link org.osc.server.log.LogSafe}); null when no credentials were sent
 * @param token the name of the API token the request was authenticated with, or null
 * @param role the user's role ({@code admin}, {@code auditor}), or null when not authenticated
 * @param source the client's address, or null when unknown
 * @param method the HTTP method, or null for a lockout reported outside a request
 * @param path the request's path under {@code /api} ({@code /server/v1/catalog/3}), or null
 * @param objectType the kind of object the request is about ({@code SECURITY_GROUP}, {@code USER}, ...), or null
 * @param objectId the object's id or name, from the path or, for a create, from the answer; or null
 * @param status the answer's HTTP status; 0 for a lockout reported outside a request
 * @param jobId the job the answer named, or null
 * @param requestId the request's id ({@code X-Request-Id}), or null
 * @param detail for a login failure or lockout, why; otherwise null
 */
public record AuditRecord(long id, Instant time, String event, String user, String token, String role,
        String source, String method, String path, String objectType, String objectId, int status, Long jobId,
        String requestId, String detail) {

    /** A mutating request, answered. */
    public static final String REQUEST = "request";
    /** A request whose credentials were refused. */
    public static final String LOGIN_FAILURE = "login-failure";
    /** A user name or address locked out after too many failures. */
    public static final String LOCKOUT = "lockout";

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
    }

    /** @return this record with the id the store gave it */
    public AuditRecord withId(long storedId) {
        return new AuditRecord(storedId, time, event, user, token, role, source, method, path, objectType, objectId,
                status, jobId, requestId, detail);
    }
}
