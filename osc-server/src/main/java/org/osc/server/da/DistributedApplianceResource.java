package org.osc.server.da;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.osc.server.mc.JobStarted;
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

/** {@code /distributedAppliances}: appliance versions deployed through a manager on virtualization connectors. */
@Component(service = DistributedApplianceResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/distributedAppliances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DistributedApplianceResource {

    private final DistributedApplianceService appliances;

    /** Resource over the distributed appliance service. */
    @Activate
    public DistributedApplianceResource(@Reference DistributedApplianceService appliances) {
        this.appliances = appliances;
    }

    /** @return every distributed appliance */
    @GET
    public Map<String, List<DistributedApplianceBody>> list() {
        return Map.of("items", appliances.list());
    }

    /** Creates a distributed appliance: 201 with {@code {id, jobId}}. */
    @POST
    public Response create(DistributedApplianceBody body) {
        JobStarted started = appliances.create(body);
        return Response.created(URI.create("server/v1/distributedAppliances/" + started.id()))
                .entity(started.body()).build();
    }

    /** @return one distributed appliance with its virtual systems */
    @GET
    @Path("{daId}")
    public DistributedApplianceBody get(@PathParam("daId") long id) {
        return appliances.get(id);
    }

    /** Replaces name, version and virtual systems: {@code {id, jobId}}. */
    @PUT
    @Path("{daId}")
    public Map<String, Long> update(@PathParam("daId") long id, DistributedApplianceBody body) {
        return appliances.update(id, body).body();
    }

    /** Deletes the appliance's devices on the manager, then it: 202 with {@code {jobId}}. */
    @DELETE
    @Path("{daId}")
    public Response delete(@PathParam("daId") long id) {
        return Response.accepted(Map.of("jobId", appliances.delete(id))).build();
    }

    /** Removes the appliance and everything under it without touching the manager or the cluster: 204. */
    @DELETE
    @Path("{daId}/force")
    public Response forceDelete(@PathParam("daId") long id) {
        appliances.forceDelete(id);
        return Response.noContent().build();
    }

    /** Re-runs the appliance's reconcile: 202 with {@code {jobId}}. */
    @POST
    @Path("{daId}/sync")
    public Response sync(@PathParam("daId") long id) {
        return Response.accepted(Map.of("jobId", appliances.sync(id))).build();
    }

    /** The same as {@code POST .../sync}, for scripts written for the original OSC. */
    @PUT
    @Path("{daId}/sync")
    public Response syncPut(@PathParam("daId") long id) {
        return sync(id);
    }
}
