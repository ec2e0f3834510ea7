package org.osc.server.rest;

import java.util.List;

import org.osc.server.error.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

/**
 * The one error body of the API: RFC 9457 problem details, with the invalid fields in {@code errors} and,
 * for unexpected failures, an {@code errorId} that is also in the server log.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
        String errorId) {

    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of the given kind (a short slug such as "validation"). */
    public static Problem of(String kind, String title, int status, String detail, List<FieldError> errors) {
        return new Problem("urn:osc:problem:" + kind, title, status, detail, errors == null || errors.isEmpty()
                ? null : errors, null);
    }

    /** @return this problem as a response with the problem media type */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** @return a copy carrying the id under which the failure was logged */
    public Problem withErrorId(String id) {
        return new Problem(type, title, status, detail, errors, id);
    }
}
