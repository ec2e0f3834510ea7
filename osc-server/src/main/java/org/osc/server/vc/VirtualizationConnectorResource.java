package org.osc.server.vc;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.osc.server.rest.OscApplication;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /virtualizationConnectors}: the clusters OSC protects workloads on. */
@Component(service = VirtualizationConnectorResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/virtualizationConnectors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VirtualizationConnectorResource {

    private final VirtualizationConnectorService connectors;

    /** Resource over the connector service. */
    @Activate
    public VirtualizationConnectorResource(@Reference VirtualizationConnectorService connectors) {
        this.connectors = connectors;
    }

    /** @return every connector */
    @GET
    public Map<String, List<VirtualizationConnectorBody>> list() {
        return Map.of("items", connectors.list());
    }

    /** Creates a connector: 201 with {@code {id}}. */
    @POST
    public Response create(VirtualizationConnectorBody body) {
        long id = connectors.create(body);
        return Response.created(URI.create("server/v1/virtualizationConnectors/" + id)).entity(Map.of("id", id))
                .build();
    }

    /** @return one connector */
    @GET
    @Path("{vcId}")
    public VirtualizationConnectorBody get(@PathParam("vcId") long id) {
        return connectors.get(id);
    }

    /** Replaces a connector. */
    @PUT
    @Path("{vcId}")
    public Map<String, Long> update(@PathParam("vcId") long id, VirtualizationConnectorBody body) {
        connectors.update(id, body);
        return Map.of("id", id);
    }

    /** Deletes a connector no security group or appliance uses: 204. */
    @DELETE
    @Path("{vcId}")
    public Response delete(@PathParam("vcId") long id) {
        connectors.delete(id);
        return Response.noContent().build();
    }
}
