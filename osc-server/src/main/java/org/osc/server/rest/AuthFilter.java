package org.osc.server.rest;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import org.osc.server.login.LoginService;
import org.osc.server.user.BasicCredentials;
import org.osc.server.user.Role;
import org.osc.server.user.User;
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
 * changing their own password. Only the status and the OpenAPI document are open without credentials.
 *
 * <p>Logins go through the {@link LoginService}: wrong credentials are 401, too many failed logins with the name or
 * from the client's address ({@link ClientAddress}) 429 with {@code Retry-After} (the password is not checked), too
 * many password checks waiting 503 with {@code Retry-After}.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsApplicationSelect(OscApplication.SELECT_ALL)
@JakartarsName("osc.auth")
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {

    private static final Set<String> OPEN = Set.of("server/v1/serverManagement/status", "openapi.json");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final LoginService logins;

    /** A filter checking credentials with the given login service (throttled per name and client address). */
    @org.osgi.service.component.annotations.Activate
    public AuthFilter(@Reference LoginService logins) {
        this.logins = logins;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = trim(request.getUriInfo().getPath());
        if (OPEN.contains(path) && READS.contains(request.getMethod())) {
            return;
        }
        Optional<BasicCredentials> credentials =
                BasicCredentials.of(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (credentials.isEmpty()) {
            request.abortWith(unauthorized());
            return;
        }
        LoginService.Login login = logins.login(credentials.get(), ClientAddress.of(request));
        if (login.outcome() != LoginService.Outcome.ACCEPTED) {
            request.abortWith(refusal(login));
            return;
        }
        User user = login.user();
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

    /** @return the answer to a refused login: 401, 429 (locked) or 503 (too many checks waiting) */
    private static jakarta.ws.rs.core.Response refusal(LoginService.Login login) {
        long seconds = login.retryAfterSeconds();
        return switch (login.outcome()) {
            case LOCKED -> retryLater(Problem.of("too_many_login_failures", "Too many failed logins", 429,
                    "Too many failed logins with this user name or from this address; try again in " + seconds + " s",
                    null), seconds);
            case BUSY -> retryLater(Problem.of("unavailable", "Service unavailable", 503,
                    "Too many passwords are being checked; try again in " + seconds + " s", null), seconds);
            default -> unauthorized();
        };
    }

    private static jakarta.ws.rs.core.Response retryLater(Problem problem, long seconds) {
        return jakarta.ws.rs.core.Response.fromResponse(problem.toResponse())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).build();
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
