package org.osc.server.rest;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import org.osc.server.audit.AuditFilter;
import org.osc.server.user.BasicCredentials;
import org.osc.server.user.Role;
import org.osc.server.user.User;
import org.osc.server.user.UserService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

/**
 * HTTP Basic authentication against the stored users, and the role rule: an auditor may only read, except
 * changing their own password. Only the status and the OpenAPI document are open without credentials. The
 * authenticated user is the request property {@link #USER_PROPERTY}; a 401 to a request that sent credentials is
 * reported to the audit trail as a login failure ({@link AuditFilter#loginFailed}).
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsApplicationSelect(OscApplication.SELECT_ALL)
@JakartarsName("osc.auth")
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {

    /**
     * The request property holding the authenticated {@link User} (name and role), set before the role check, so
     * that a request refused for its role is audited with its user too.
     */
    public static final String USER_PROPERTY = "osc.auth.user";

    private static final Set<String> OPEN = Set.of("server/v1/serverManagement/status", "openapi.json");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final UserService users;

    /** A filter checking credentials with the given user service. */
    @org.osgi.service.component.annotations.Activate
    public AuthFilter(@Reference UserService users) {
        this.users = users;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = trim(request.getUriInfo().getPath());
        if (OPEN.contains(path) && READS.contains(request.getMethod())) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<BasicCredentials> credentials = BasicCredentials.of(header);
        User user = credentials.flatMap(c -> users.authenticate(c.name(), c.password())).orElse(null);
        if (user == null) {
            if (header != null) {
                AuditFilter.loginFailed(request, credentials.map(BasicCredentials::name).orElse(null),
                        credentials.isPresent() ? "wrong user name or password" : "unreadable Authorization header");
            }
            request.abortWith(unauthorized());
            return;
        }
        request.setProperty(USER_PROPERTY, user);
        if (user.role() == Role.AUDITOR && !READS.contains(request.getMethod()) && !ownPassword(request, path, user)) {
            request.abortWith(Problem.of("forbidden", "Forbidden", 403,
                    "User '" + user.name() + "' has the auditor role, which may only read", null).toResponse());
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new UserContext(user, secure));
    }

    private static jakarta.ws.rs.core.Response unauthorized() {
        return jakarta.ws.rs.core.Response.fromResponse(Problem.of("unauthorized", "Unauthorized", 401,
                "Valid credentials are required (HTTP Basic)", null).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"OSC\", charset=\"UTF-8\"").build();
    }

    private static boolean ownPassword(ContainerRequestContext request, String path, User user) {
        return "PUT".equals(request.getMethod()) && path.equals("server/v1/users/" + user.name());
    }

    private static String trim(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The authenticated user as the request's security context. */
    private record UserContext(User user, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return user::name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return user.role().wireName().equalsIgnoreCase(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return BASIC_AUTH;
        }
    }
}
