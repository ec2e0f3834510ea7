package org.osc.server.rest.resource;

import java.io.IOException;
import java.io.InputStream;

import org.osc.server.error.NotFoundException;
import org.osc.server.rest.OscApplication;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/openapi.json}: the OpenAPI 3 document generated from the resources when the server was built. */
@Component(service = OpenApiResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@Path("openapi.json")
@Hidden
public class OpenApiResource {

    /** @return the document's bytes */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] document() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/openapi/openapi.json")) {
            if (in == null) {
                throw new NotFoundException("The OpenAPI document (the build did not generate it)");
            }
            return in.readAllBytes();
        }
    }
}
