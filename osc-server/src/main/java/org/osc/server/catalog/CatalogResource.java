package org.osc.server.catalog;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /catalog}: appliance models and their software versions (VNF images). */
@Component(service = CatalogResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private final CatalogService catalog;

    /** Resource over the catalog service. */
    @Activate
    public CatalogResource(@Reference CatalogService catalog) {
        this.catalog = catalog;
    }

    /** @return every appliance */
    @GET
    public Map<String, List<ApplianceBody>> list() {
        return Map.of("items", catalog.list());
    }

    /** Adds an appliance: 201 with {@code {id}}. */
    @POST
    public Response create(ApplianceBody body) {
        long id = catalog.create(body);
        return Response.created(URI.create("server/v1/catalog/" + id)).entity(Map.of("id", id)).build();
    }

    /** @return one appliance */
    @GET
    @Path("{applianceId}")
    public ApplianceBody get(@PathParam("applianceId") long id) {
        return catalog.get(id);
    }

    /** Deletes an appliance and its versions when no distributed appliance uses them: 204. */
    @DELETE
    @Path("{applianceId}")
    public Response delete(@PathParam("applianceId") long id) {
        catalog.delete(id);
        return Response.noContent().build();
    }

    /** @return the appliance's software versions */
    @GET
    @Path("{applianceId}/versions")
    public Map<String, List<SoftwareVersionBody>> versions(@PathParam("applianceId") long id) {
        return Map.of("items", catalog.versions(id));
    }

    /** Adds a software version: 201 with {@code {id}}. */
    @POST
    @Path("{applianceId}/versions")
    public Response addVersion(@PathParam("applianceId") long id, SoftwareVersionBody body) {
        long versionId = catalog.addVersion(id, body);
        return Response.created(URI.create("server/v1/catalog/" + id + "/versions/" + versionId))
                .entity(Map.of("id", versionId)).build();
    }

    /** @return one software version */
    @GET
    @Path("{applianceId}/versions/{versionId}")
    public SoftwareVersionBody version(@PathParam("applianceId") long id, @PathParam("versionId") long versionId) {
        return catalog.version(id, versionId);
    }

    /** Deletes a software version no distributed appliance uses: 204. */
    @DELETE
    @Path("{applianceId}/versions/{versionId}")
    public Response deleteVersion(@PathParam("applianceId") long id, @PathParam("versionId") long versionId) {
        catalog.deleteVersion(id, versionId);
        return Response.noContent().build();
    }
}
