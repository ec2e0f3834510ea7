package org.osc.server.rest.resource;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.osc.server.error.ForbiddenException;
import org.osc.server.error.ValidationException;
import org.osc.server.rest.OscApplication;
import org.osc.server.user.User;
import org.osc.server.user.UserService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code /users}: an admin adds, lists and removes users; every user may change their own password. */
@Component(service = UsersResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    /** A user on the wire; the password is write-only. */
    public record UserBody(String name, @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String password,
            String role, java.time.Instant created) {

        static UserBody of(User user) {
            return new UserBody(user.name(), null, user.role().wireName(), user.created());
        }
    }

    private final UserService users;

    /** Resource over the given user service. */
    @Activate
    public UsersResource(@Reference UserService users) {
        this.users = users;
    }

    /** @return every user (admin only) */
    @GET
    public Map<String, List<UserBody>> list(@Context SecurityContext security) {
        requireAdminOrSelf(security, null);
        return Map.of("items", users.list().stream().map(UserBody::of).toList());
    }

    /** Adds a user (admin only): 201 with its location. */
    @POST
    public Response create(UserBody body, @Context SecurityContext security) {
        requireAdminOrSelf(security, null);
        if (body == null) {
            throw new ValidationException("body", "is required");
        }
        User created = users.create(body.name(), body.password(), body.role());
        return Response.created(URI.create("server/v1/users/" + created.name())).entity(UserBody.of(created))
                .build();
    }

    /** @return one user (admin, or the user themself) */
    @GET
    @Path("{name}")
    public UserBody get(@PathParam("name") String name, @Context SecurityContext security) {
        requireAdminOrSelf(security, name);
        return UserBody.of(users.get(name));
    }

    /** Changes the password and/or role; a user may change their own password, only an admin a role. */
    @PUT
    @Path("{name}")
    public UserBody update(@PathParam("name") String name, UserBody body, @Context SecurityContext security) {
        requireAdminOrSelf(security, name);
        if (body == null) {
            throw new ValidationException("body", "is required");
        }
        if (body.name() != null && !body.name().equals(name)) {
            throw new ValidationException("name", "cannot be changed; it must match the path or be left out");
        }
        if (body.role() != null && !security.isUserInRole("admin")) {
            throw new ForbiddenException("Only an admin may change a role");
        }
        if (body.password() == null && body.role() == null) {
            throw new ValidationException("password", "give a new password and/or a role");
        }
        return UserBody.of(users.update(name, body.password(), body.role()));
    }

    /** Removes a user (admin only): 204. */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @Context SecurityContext security) {
        requireAdminOrSelf(security, null);
        users.delete(name);
        return Response.noContent().build();
    }

    private static void requireAdminOrSelf(SecurityContext security, String self) {
        if (security.isUserInRole("admin")) {
            return;
        }
        if (self != null && security.getUserPrincipal() != null
                && self.equals(security.getUserPrincipal().getName())) {
            return;
        }
        throw new ForbiddenException("Only an admin may manage other users");
    }
}
