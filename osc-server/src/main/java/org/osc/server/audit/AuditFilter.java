package org.osc.server.audit;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.osc.server.config.RuntimeConfigurator;
import org.osc.server.job.StartedBy;
import org.osc.server.log.LogSafe;
import org.osc.server.rest.ClientAddress;
import org.osc.server.user.User;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.MDC;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * The audit trail's and the log's view of each REST request, in every application of the whiteboard (OSC's and
 * the plugins'):
 *
 * <ul>
 * <li>Before matching: the request's id, from {@code X-Request-Id} when it is sane ({@value #SANE_ID}), else a
 * new UUID; echoed in the answer's {@code X-Request-Id}. The logging MDC gets {@value #MDC_REQUEST} and
 * {@value #MDC_OBJECT} (the object the path names), and {@value #MDC_USER} once the request is authenticated
 * ({@link AuditUserFilter}); all are removed when the answer leaves.</li>
 * <li>On the answer: one {@link AuditRecord} for a mutating request (POST, PUT, PATCH, DELETE), whatever its
 * status (a refused request too: 400, 401, 403, 404, 409, 413, 429, 503, ...), and for any request whose
 * credentials were refused ({@link #loginFailed}: a login failure, recorded instead of the request). The object's
 * id comes from the path or, for a create, from the answer's {@code Location} or {@code id}; the job's from the
 * answer's {@code jobId}.</li>
 * </ul>
 *
 * <p>GAP: requests Jetty refuses before the REST servlet (a malformed request line, headers too large) and answers
 * whose body fails to be written after this filter ran are not recorded (the first are never authenticated).
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JakartarsExtension
@JakartarsName("osc.audit")
@JakartarsApplicationSelect("(osgi.jakartars.name=*)")
@PreMatching
@Priority(2)
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** The header carrying the request's id, both ways. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** What a client's request id may be to be kept (otherwise a new one is made). */
    public static final String SANE_ID = "[A-Za-z0-9._:@/+=-]{1,64}";
    /** The MDC key of the request's id. */
    public static final String MDC_REQUEST = "requestId";
    /** The MDC key of the authenticated user (or {@code token:NAME}). */
    public static final String MDC_USER = "user";
    /** The MDC key of the object the request's path names ({@code SECURITY_GROUP 7}). */
    public static final String MDC_OBJECT = "object";
    /** The request property of the request's id. */
    public static final String REQUEST_ID_PROPERTY = "osc.requestId";
    /** The request property {@link #loginFailed} sets. */
    static final String LOGIN_FAILURE_PROPERTY = "osc.audit.loginFailure";
    /** The request property of the user (a {@link User}); equal to {@code AuthFilter.USER_PROPERTY}. */
    static final String USER_PROPERTY = "osc.auth.user";
    /** The request property of the API token's name; equal to {@code AuthFilter.TOKEN_PROPERTY}. */
    static final String TOKEN_PROPERTY = "osc.auth.token";

    private static final Pattern SANE = Pattern.compile(SANE_ID);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String PATH_PROPERTY = "osc.audit.path";

    private final AuditTrail trail;

    /** A filter recording into the trail. */
    @Activate
    public AuditFilter(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    /**
     * Marks the request as a login failure: its credentials were refused. Called by the authentication filter
     * on a 401 to a request that sent an {@code Authorization} header; the request's one record is then a
     * {@link AuditRecord#LOGIN_FAILURE} with the name tried (escaped) and the reason.
     *
     * @param nameTried the user name sent, or null when the header could not be read
     * @param reason why the credentials were refused
     */
    public static void loginFailed(ContainerRequestContext request, String nameTried, String reason) {
        request.setProperty(LOGIN_FAILURE_PROPERTY, new LoginFailure(nameTried, reason));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String sent = request.getHeaderString(REQUEST_ID_HEADER);
        String id = sent != null && SANE.matcher(sent).matches() ? sent : newId();
        request.setProperty(REQUEST_ID_PROPERTY, id);
        String path = path(request);
        request.setProperty(PATH_PROPERTY, path);
        MDC.put(MDC_REQUEST, id);
        MDC.remove(MDC_USER);
        String object = ObjectPath.of(path).describe();
        if (object == null) {
            MDC.remove(MDC_OBJECT);
        } else {
            MDC.put(MDC_OBJECT, LogSafe.of(object));
        }
        StartedBy.clear();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            Object id = request.getProperty(REQUEST_ID_PROPERTY);
            if (id instanceof String requestId) {
                response.getHeaders().putSingle(REQUEST_ID_HEADER, requestId);
            }
            Object failure = request.getProperty(LOGIN_FAILURE_PROPERTY);
            if (failure instanceof LoginFailure f) {
                trail.record(record(request, response, AuditRecord.LOGIN_FAILURE,
                        f.name() == null ? null : LogSafe.of(f.name()), null, null, f.reason()));
            } else if (MUTATING.contains(request.getMethod())) {
                User user = request.getProperty(USER_PROPERTY) instanceof User u ? u : null;
                String token = request.getProperty(TOKEN_PROPERTY) instanceof String t ? t : null;
                trail.record(record(request, response, AuditRecord.REQUEST, user == null ? null : user.name(),
                        token, user == null ? null : user.role().wireName(), null));
            }
        } finally {
            MDC.remove(MDC_REQUEST);
            MDC.remove(MDC_USER);
            MDC.remove(MDC_OBJECT);
            StartedBy.clear();
        }
    }

    private AuditRecord record(ContainerRequestContext request, ContainerResponseContext response, String event,
            String user, String token, String role, String detail) {
        String path = request.getProperty(PATH_PROPERTY) instanceof String p ? p : path(request);
        ObjectPath object = ObjectPath.of(path);
        int status = response.getStatus();
        Object entity = response.getEntity();
        if (status == 201 || request.getMethod().equals("POST") && status / 100 == 2) {
            object = object.withCreated(createdId(response.getLocation(), entity));
        }
        Long jobId = status / 100 == 2 ? number(field(entity, "jobId")) : null;
        return new AuditRecord(0, trail.now(), event, user, token, role, ClientAddress.of(request),
                request.getMethod(), path, object.type(), object.id(), status, jobId,
                request.getProperty(REQUEST_ID_PROPERTY) instanceof String r ? r : null, detail);
    }

    /**
     * @return a random (version 4) UUID from the thread's own generator: a request id needs to be unique, not secret,
     *     and {@link UUID#randomUUID()} takes a lock shared by every request thread
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC000L << 48) | 0x8000L << 48;
        return new UUID(high, low).toString();
    }

    /** @return the created object's id: the last segment of the Location, else the answer's id or name */
    static String createdId(URI location, Object entity) {
        if (location != null && location.getPath() != null) {
            String p = location.getPath();
            String last = p.substring(p.lastIndexOf('/') + 1);
            if (!last.isEmpty()) {
                return last;
            }
        }
        Object id = field(entity, "id");
        if (id == null) {
            id = field(entity, "name");
        }
        return id == null ? null : id.toString();
    }

    /** @return the named field of an answer that is a map or a record, or null */
    static Object field(Object entity, String name) {
        if (entity instanceof Map<?, ?> map) {
            return map.get(name);
        }
        if (entity != null && entity.getClass().isRecord()) {
            for (RecordComponent component : entity.getClass().getRecordComponents()) {
                if (component.getName().equals(name)) {
                    try {
                        component.getAccessor().setAccessible(true);
                        return component.getAccessor().invoke(entity);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private static Long number(Object value) {
        return value instanceof Number n ? Long.valueOf(n.longValue()) : null;
    }

    /**
     * @return the request's path under the REST root, decoded, with its application's base: {@code
     *     /server/v1/catalog/3}, {@code /plugins/sample/sdn/...}
     */
    static String path(ContainerRequestContext request) {
        String base = request.getUriInfo().getBaseUri().getPath();
        if (base == null) {
            base = "/";
        }
        if (base.startsWith(RuntimeConfigurator.API_ROOT)) {
            base = base.substring(RuntimeConfigurator.API_ROOT.length());
        }
        String relative = request.getUriInfo().getPath();
        StringBuilder path = new StringBuilder(base.length() + relative.length() + 2);
        path.append(base.startsWith("/") ? "" : "/").append(base);
        if (path.charAt(path.length() - 1) != '/') {
            path.append('/');
        }
        path.append(relative.startsWith("/") ? relative.substring(1) : relative);
        return path.toString();
    }

    /** What {@link #loginFailed} marks a request with. */
    private record LoginFailure(String name, String reason) {
    }
}
