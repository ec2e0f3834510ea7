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

/** {@code /virtualSystems/{vsId}/...}: a virtual system's deployment specs and the instances they run. */
@Component(service = VirtualSystemResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/virtualSystems/{vsId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VirtualSystemResource {

    private final DeploymentSpecService specs;

    /** Resource over the deployment spec service. */
    @Activate
    public VirtualSystemResource(@Reference DeploymentSpecService specs) {
        this.specs = specs;
    }

    /** @return the virtual system's deployment specs */
    @GET
    @Path("deploymentSpecs")
    public Map<String, List<DeploymentSpecBody>> list(@PathParam("vsId") long vsId) {
        return Map.of("items", specs.list(vsId));
    }

    /** Creates a deployment spec: 201 with {@code {id, jobId}}. */
    @POST
    @Path("deploymentSpecs")
    public Response create(@PathParam("vsId") long vsId, DeploymentSpecBody body) {
        JobStarted started = specs.create(vsId, body);
        return Response.created(URI.create("server/v1/virtualSystems/" + vsId + "/deploymentSpecs/" + started.id()))
                .entity(started.body()).build();
    }

    /** @return one deployment spec */
    @GET
    @Path("deploymentSpecs/{dsId}")
    public DeploymentSpecBody get(@PathParam("vsId") long vsId, @PathParam("dsId") long id) {
        return specs.get(vsId, id);
    }

    /** Replaces name and count: {@code {id, jobId}}. */
    @PUT
    @Path("deploymentSpecs/{dsId}")
    public Map<String, Long> update(@PathParam("vsId") long vsId, @PathParam("dsId") long id,
            DeploymentSpecBody body) {
        return specs.update(vsId, id, body).body();
    }

    /** Removes the spec's VNFs, then it: 202 with {@code {jobId}}. */
    @DELETE
    @Path("deploymentSpecs/{dsId}")
    public Response delete(@PathParam("vsId") long vsId, @PathParam("dsId") long id) {
        return Response.accepted(Map.of("jobId", specs.delete(vsId, id))).build();
    }

    /** Removes the spec and its instances without touching the cluster: 204. */
    @DELETE
    @Path("deploymentSpecs/{dsId}/force")
    public Response forceDelete(@PathParam("vsId") long vsId, @PathParam("dsId") long id) {
        specs.forceDelete(vsId, id);
        return Response.noContent().build();
    }

    /** Re-runs the spec's reconcile: 202 with {@code {jobId}}. */
    @POST
    @Path("deploymentSpecs/{dsId}/sync")
    public Response sync(@PathParam("vsId") long vsId, @PathParam("dsId") long id) {
        return Response.accepted(Map.of("jobId", specs.sync(vsId, id))).build();
    }

    /** The same as {@code POST .../sync}, for scripts written for the original OSC. */
    @PUT
    @Path("deploymentSpecs/{dsId}/sync")
    public Response syncPut(@PathParam("vsId") long vsId, @PathParam("dsId") long id) {
        return sync(vsId, id);
    }

    /** @return the virtual system's distributed appliance instances (one per VNF pod) */
    @GET
    @Path("distributedApplianceInstances")
    public Map<String, List<DistributedApplianceInstanceBody>> instances(@PathParam("vsId") long vsId) {
        return Map.of("items", specs.instances(vsId));
    }
}
