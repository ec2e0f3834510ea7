package org.osc.server.secret;

import org.osc.server.error.ForbiddenException;
import org.osc.server.rest.OscApplication;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /serverManagement/secretKeys}: the keys of the secrets stored in the database (ids and how many values
 * each encrypts, never a key), and their rotation, for admins.
 */
@Component(service = SecretKeysResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/serverManagement/secretKeys")
@Produces(MediaType.APPLICATION_JSON)
public class SecretKeysResource {

    private final SecretKeyService keys;

    /** Resource over the key service. */
    @Activate
    public SecretKeysResource(@Reference SecretKeyService keys) {
        this.keys = keys;
    }

    /** @return the active key's id, every key's id and how many stored values it encrypts */
    @GET
    public SecretKeyService.KeyStatus status() {
        return keys.status();
    }

    /**
     * Makes a key active and re-encrypts every stored secret under it in one transaction; admins only.
     *
     * @param keyId the key to make active, one every running replica's key file has; none: a new key, when no
     *     other replica runs
     * @return the active key's id and how many values were re-encrypted
     */
    @POST
    @Path("rotate")
    public SecretKeyService.Rotation rotate(@QueryParam("keyId") String keyId,
            @Context SecurityContext security) {
        if (security == null || !security.isUserInRole("admin")) {
            throw new ForbiddenException("Only an admin may rotate the secret key");
        }
        return keys.rotate(keyId == null || keyId.isEmpty() ? null : keyId);
    }
}
