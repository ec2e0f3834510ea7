package org.osc.server.mc;

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

/** {@code /applianceManagerConnectors}: the security managers OSC talks to, with their domains and policies. */
@Component(service = ManagerConnectorResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/applianceManagerConnectors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ManagerConnectorResource {

    private final ManagerConnectorService connectors;

    /** Resource over the connector service. */
    @Activate
    public ManagerConnectorResource(@Reference ManagerConnectorService connectors) {
        this.connectors = connectors;
    }

    /** @return every connector */
    @GET
    public Map<String, List<ManagerConnectorBody>> list() {
        return Map.of("items", connectors.list());
    }

    /** Creates a connector and starts reading its manager: 201 with {@code {id, jobId}}. */
    @POST
    public Response create(ManagerConnectorBody body) {
        JobStarted started = connectors.create(body);
        return Response.created(URI.create("server/v1/applianceManagerConnectors/" + started.id()))
                .entity(started.body()).build();
    }

    /** @return one connector */
    @GET
    @Path("{id}")
    public ManagerConnectorBody get(@PathParam("id") long id) {
        return connectors.get(id);
    }

    /** Replaces a connector and re-reads its manager: {@code {id, jobId}}. */
    @PUT
    @Path("{id}")
    public Map<String, Long> update(@PathParam("id") long id, ManagerConnectorBody body) {
        return connectors.update(id, body).body();
    }

    /** Deletes a connector no distributed appliance uses: 204. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        connectors.delete(id);
        return Response.noContent().build();
    }

    /** Re-runs the connector's reconcile: 202 with {@code {jobId}}. */
    @POST
    @Path("{id}/sync")
    public Response sync(@PathParam("id") long id) {
        return Response.accepted(Map.of("jobId", connectors.sync(id))).build();
    }

    /** The same as {@code POST .../sync}, for scripts written for the original OSC. */
    @PUT
    @Path("{id}/sync")
    public Response syncPut(@PathParam("id") long id) {
        return sync(id);
    }

    /** @return the connector's domains with their policies, as last read from the manager */
    @GET
    @Path("{id}/domains")
    public Map<String, List<ManagerDomainBody>> domains(@PathParam("id") long id) {
        return Map.of("items", connectors.domains(id));
    }
}
