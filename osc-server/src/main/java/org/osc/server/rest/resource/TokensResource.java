package org.osc.server.rest.resource;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osc.server.error.ForbiddenException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.ValidationException;
import org.osc.server.rest.AuthFilter;
import org.osc.server.rest.OscApplication;
import org.osc.server.token.ApiToken;
import org.osc.server.token.CreatedToken;
import org.osc.server.token.TokenService;
import org.osc.server.user.Role;
import org.osc.server.user.User;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /tokens}: API tokens for scripts ({@code Authorization: Bearer <token>}). Every user, auditors
 * included, makes tokens for themselves with their password (a token cannot make tokens), lists theirs and
 * revokes them; an admin also lists ({@code ?user=NAME}, {@code ?all=true}), reads and revokes anyone's. The
 * token's text is in the create answer only.
 */
@Component(service = TokensResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokensResource {

    /**
     * What a new token should be.
     *
     * @param name unique among the caller's tokens; same rules as user names
     * @param role {@code admin} or {@code auditor}, at most the caller's role; default the caller's
     * @param expiresAt when it expires (at most 365 days away)
     * @param expiresIn or its lifetime, e.g. {@code 30d} (s, m, h, d, y); neither: 90 days
     */
    public record TokenRequest(String name, String role, Instant expiresAt, String expiresIn) {
    }

    /**
     * A token on the wire; {@code secret} only in the create answer.
     *
     * @param id the token's id
     * @param name its name
     * @param user its owner
     * @param role its role (the owner's current role caps it)
     * @param created when it was made
     * @param expiresAt when it expires
     * @param lastUsedAt when it was last used (to the minute), or absent
     * @param secret the token itself, shown once
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenBody(long id, String name, String user, String role, Instant created, Instant expiresAt,
            Instant lastUsedAt, String secret) {

        static TokenBody of(ApiToken token, String secret) {
            return new TokenBody(token.id(), token.name(), token.user(), token.role().wireName(), token.created(),
                    token.expiresAt(), token.lastUsedAt(), secret);
        }
    }

    private final TokenService tokens;

    /** Resource over the given token service. */
    @Activate
    public TokensResource(@Reference TokenService tokens) {
        this.tokens = tokens;
    }

    /** Makes a token for the caller: 201 with its location and, this once, its secret. */
    @POST
    public Response create(TokenRequest body, @Context SecurityContext security) {
        if (AuthFilter.BEARER.equals(security.getAuthenticationScheme())) {
            throw new ForbiddenException("A token cannot make tokens; make them with your password (HTTP Basic)");
        }
        if (body == null) {
            throw new ValidationException("body", "is required");
        }
        CreatedToken created = tokens.create(caller(security), body.name(), body.role(), body.expiresAt(),
                body.expiresIn());
        return Response.created(URI.create("server/v1/tokens/" + created.token().id()))
                .entity(TokenBody.of(created.token(), created.secret())).build();
    }

    /** @return the caller's tokens; an admin may ask for a user's ({@code ?user=}) or everyone's ({@code ?all}) */
    @GET
    public Map<String, List<TokenBody>> list(@QueryParam("user") String user, @QueryParam("all") boolean all,
            @Context SecurityContext security) {
        User caller = caller(security);
        if (all && user != null) {
            throw new ValidationException("all", "give either all or user, not both");
        }
        boolean others = all || user != null && !user.equals(caller.name());
        if (others && caller.role() != Role.ADMIN) {
            throw new ForbiddenException("Only an admin may list other users' tokens");
        }
        List<ApiToken> found = all ? tokens.listAll() : tokens.listOf(user != null ? user : caller.name());
        return Map.of("items", found.stream().map(t -> TokenBody.of(t, null)).toList());
    }

    /** @return one token: the caller's own, or any for an admin (404 for another's) */
    @GET
    @Path("{id}")
    public TokenBody get(@PathParam("id") String id, @Context SecurityContext security) {
        return TokenBody.of(tokens.get(id(id), caller(security)), null);
    }

    /** Revokes a token: the caller's own, or any for an admin (404 for another's); 204. */
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id, @Context SecurityContext security) {
        tokens.revoke(id(id), caller(security));
        return Response.noContent().build();
    }

    private static long id(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // not a number: names no token
        }
        throw new NotFoundException("A token with that id");
    }

    private static User caller(SecurityContext security) {
        Role role = security.isUserInRole("admin") ? Role.ADMIN : Role.AUDITOR;
        return new User(security.getUserPrincipal().getName(), role, null);
    }
}
