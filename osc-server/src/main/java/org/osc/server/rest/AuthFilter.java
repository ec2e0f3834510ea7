package org.osc.server.rest;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import org.osc.server.audit.AuditFilter;
import org.osc.server.login.LoginService;
import org.osc.server.token.TokenAuthentication;
import org.osc.server.token.TokenService;
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
 * HTTP Basic authentication against the stored users, bearer API tokens ({@code Authorization: Bearer osc_...},
 * see {@link TokenService}), and the role rule: an auditor may only read, except changing their own password and,
 * with their password, making and revoking their own tokens. A request with a token has the lower of the token's
 * and its owner's roles. Only the status and the OpenAPI document are open without credentials.
 *
 * <p>Basic logins go through the {@link LoginService}: wrong credentials are 401, too many failed logins with the
 * name or from the client's address ({@link ClientAddress}) 429 with {@code Retry-After} (the password is not
 * checked), too many password checks waiting 503 with {@code Retry-After}.
 *
 * <p>The authenticated user is the request property {@link #USER_PROPERTY}; a refused login of a request that sent
 * credentials is reported to the audit trail as a login failure ({@link AuditFilter#loginFailed}).
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
    /** The request property naming the API token that authenticated the request (a String), when one did. */
    public static final String TOKEN_PROPERTY = "osc.auth.token";
    /** The authentication scheme of requests authenticated by an API token. */
    public static final String BEARER = "Bearer";

    private static final String TOKENS = "server/v1/tokens";
    private static final Set<String> OPEN = Set.of("server/v1/serverManagement/status",
            "server/v1/serverManagement/ready", "openapi.json");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final LoginService logins;
    private final TokenService tokens;

    /** A filter checking passwords with the login service (throttled per name and client address) and tokens. */
    @org.osgi.service.component.annotations.Activate
    public AuthFilter(@Reference LoginService logins, @Reference TokenService tokens) {
        this.logins = logins;
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = trim(request.getUriInfo().getPath());
        if (OPEN.contains(path) && READS.contains(request.getMethod())) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (isBearer(authorization)) {
            bearer(request, authorization.substring(BEARER.length()).strip());
            return;
        }
        Optional<BasicCredentials> credentials = BasicCredentials.of(authorization);
        if (credentials.isEmpty()) {
            if (authorization != null) {
                AuditFilter.loginFailed(request, null, "unreadable Authorization header");
            }
            request.abortWith(unauthorized());
            return;
        }
        LoginService.Login login = logins.login(credentials.get(), ClientAddress.of(request));
        if (login.outcome() != LoginService.Outcome.ACCEPTED) {
            AuditFilter.loginFailed(request, credentials.get().name(), switch (login.outcome()) {
                case LOCKED -> "locked after too many failed logins";
                case BUSY -> "too many password checks waiting";
                default -> "wrong user name or password";
            });
            request.abortWith(refusal(login));
            return;
        }
        User user = login.user();
        request.setProperty(USER_PROPERTY, user);
        if (user.role() == Role.AUDITOR && !READS.contains(request.getMethod()) && !ownPassword(request, path, user)
                && !ownTokens(request, path)) {
            request.abortWith(Problem.of("forbidden", "Forbidden", 403,
                    "User '" + user.name() + "' has the auditor role, which may only read", null).toResponse());
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new UserContext(user, secure, SecurityContext.BASIC_AUTH));
    }

    /** A bearer token: 401 with a Bearer challenge when it does not check, whatever the reason; 429 when locked. */
    private void bearer(ContainerRequestContext request, String token) {
        LoginService.TokenAttempt<TokenAuthentication> attempt =
                logins.withToken(ClientAddress.of(request), () -> tokens.authenticate(token));
        if (attempt.outcome() == LoginService.Outcome.LOCKED) {
            AuditFilter.loginFailed(request, null, "locked after too many failed logins");
            request.abortWith(refusal(new LoginService.Login(attempt.outcome(), null, attempt.retryAfterSeconds())));
            return;
        }
        TokenAuthentication auth = attempt.value();
        if (auth == null) {
            AuditFilter.loginFailed(request, null, "invalid API token");
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(Problem.of("unauthorized", "Unauthorized",
                    401, "The API token is not valid (unknown, revoked, expired or malformed)", null).toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"OSC\", error=\"invalid_token\"").build());
            return;
        }
        User user = auth.user();
        request.setProperty(USER_PROPERTY, user);
        request.setProperty(TOKEN_PROPERTY, auth.tokenName());
        if (user.role() == Role.AUDITOR && !READS.contains(request.getMethod())) {
            request.abortWith(Problem.of("forbidden", "Forbidden", 403, "Token '" + auth.tokenName()
                    + "' of user '" + user.name() + "' has the auditor role, which may only read", null).toResponse());
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new UserContext(user, secure, BEARER));
    }

    private static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, BEARER + " ", 0, BEARER.length() + 1);
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

    /** An auditor (with their password) makes and revokes their own tokens; the resource checks whose. */
    private static boolean ownTokens(ContainerRequestContext request, String path) {
        return "POST".equals(request.getMethod()) && path.equals(TOKENS)
                || "DELETE".equals(request.getMethod()) && path.startsWith(TOKENS + "/");
    }

    private static String trim(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The authenticated user as the request's security context. */
    private record UserContext(User user, boolean secure, String scheme) implements SecurityContext {

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
            return scheme;
        }
    }
}
