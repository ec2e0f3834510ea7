package org.osc.server.rest.resource;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.osc.server.error.NotFoundException;
import org.osc.server.plugin.PluginInfo;
import org.osc.server.plugin.PluginInstaller;
import org.osc.server.plugin.PluginRegistry;
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

/** {@code /plugins}: the SDN controller and manager plugins present, and their installation at runtime. */
@Component(service = PluginsResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginsResource {

    private final PluginRegistry registry;
    private final PluginInstaller installer;

    /** Resource over the registry and installer. */
    @Activate
    public PluginsResource(@Reference PluginRegistry registry, @Reference PluginInstaller installer) {
        this.registry = registry;
        this.installer = installer;
    }

    /** @return every plugin present with name, type, version, state and capabilities */
    @GET
    public Map<String, List<PluginInfo>> list() {
        return Map.of("items", registry.list());
    }

    /** @return one plugin */
    @GET
    @Path("{name}")
    public PluginInfo get(@PathParam("name") String name) {
        return registry.find(name).orElseThrow(() -> new NotFoundException("Plugin '" + name + "'"));
    }

    /** Uploads a plugin bundle: 201 once the plugins it provides are ready. */
    @POST
    @Consumes({ MediaType.APPLICATION_OCTET_STREAM, "application/java-archive" })
    public Response upload(byte[] jar) throws IOException {
        List<PluginInfo> provided = installer.install(jar);
        return Response.created(URI.create("server/v1/plugins/" + provided.get(0).name()))
                .entity(Map.of("items", provided)).build();
    }

    /** Removes a plugin installed from the plugins folder: 204 once it is gone. */
    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name) throws IOException {
        installer.remove(name);
        return Response.noContent().build();
    }
}
