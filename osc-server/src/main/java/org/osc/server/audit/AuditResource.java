package org.osc.server.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osc.server.error.FieldError;
import org.osc.server.error.ValidationException;
import org.osc.server.rest.OscApplication;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /audit}: the audit trail, newest first, for admins and auditors (every authenticated user has one of
 * those roles). Filters: {@code user} (a user name, a name tried, or a token's name), {@code method},
 * {@code status}, {@code objectType}, {@code objectId}, {@code since} and {@code until} (ISO-8601 instants, since
 * inclusive, until exclusive). Paging: {@code limit} (1 to 1000, default 100) and {@code before} (an id: records
 * older than it); a full page's answer has {@code next}, the path of the next page.
 */
@Component(service = AuditResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail trail;

    /** Resource over the server's trail. */
    @Activate
    public AuditResource(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    /** @return one page of audit records, newest first, and the path of the next page when there may be one */
    @GET
    @Operation(summary = "The audit trail, newest first: mutating requests, login failures and lockouts")
    public Map<String, Object> list(@QueryParam("user") String user, @QueryParam("method") String method,
            @Parameter(schema = @Schema(type = "integer")) @QueryParam("status") String status,
            @QueryParam("objectType") String objectType, @QueryParam("objectId") String objectId,
            @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryParam("since") String since,
            @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryParam("until") String until,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit,
            @Parameter(schema = @Schema(type = "integer", format = "int64")) @QueryParam("before") String before) {
        List<FieldError> errors = new ArrayList<>();
        AuditQuery query = new AuditQuery(blank(user), method == null || method.isBlank() ? null
                : method.trim().toUpperCase(Locale.ROOT), integer("status", status, 100, 599, errors),
                blank(objectType) == null ? null : objectType.trim().toUpperCase(Locale.ROOT), blank(objectId),
                instant("since", since, errors), instant("until", until, errors),
                longValue("before", before, errors), limit == null || limit.isBlank() ? AuditQuery.DEFAULT_LIMIT
                        : orDefault(integer("limit", limit, 1, AuditQuery.MAX_LIMIT, errors)));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        List<AuditRecord> records = trail.find(query);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", records);
        if (records.size() == query.limit()) {
            StringBuilder next = new StringBuilder();
            put(next, "user", query.user());
            put(next, "method", query.method());
            put(next, "status", query.status());
            put(next, "objectType", query.objectType());
            put(next, "objectId", query.objectId());
            put(next, "since", query.since());
            put(next, "until", query.until());
            put(next, "limit", query.limit());
            put(next, "before", records.get(records.size() - 1).id());
            answer.put("next", "/api/server/v1/audit?" + next.substring(1));
        }
        return answer;
    }

    private static void put(StringBuilder query, String name, Object value) {
        if (value != null) {
            query.append('&').append(name).append('=')
                    .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int orDefault(Integer value) {
        return value == null ? AuditQuery.DEFAULT_LIMIT : value;
    }

    private static Integer integer(String field, String value, int min, int max,
            List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be an integer from " + min + " to " + max));
        return null;
    }

    private static Long longValue(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be an integer (a record's id)"));
            return null;
        }
    }

    private static Instant instant(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field,
                    "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }
}
