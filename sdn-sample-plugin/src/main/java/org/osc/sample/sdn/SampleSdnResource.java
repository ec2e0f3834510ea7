package org.osc.sample.sdn;

import java.util.List;
import java.util.Map;

import org.osc.sample.sdn.SampleSdnViews.Counters;
import org.osc.sample.sdn.SampleSdnViews.HookView;
import org.osc.sample.sdn.SampleSdnViews.InspectionPortsView;
import org.osc.sample.sdn.SampleSdnViews.MembersRequest;
import org.osc.sample.sdn.SampleSdnViews.PortGroupView;
import org.osc.sample.sdn.SampleSdnViews.PortRequest;
import org.osc.sample.sdn.SampleSdnViews.PortView;
import org.osc.sample.sdn.SampleSdnViews.Reachability;
import org.osc.sample.sdn.SampleSdnViews.Snapshot;
import org.osc.sdn.api.element.InspectionPort;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The sample controller's state over REST, under {@code /api/plugins/sample/sdn}: read-only views for tests and
 * demos, plus the few writes a test needs to play the network (tell or delete a pod's port, change or delete
 * elements behind OSC's back, take the controller down). A thin layer over {@link SampleSdnAdmin}, which
 * reports the changes to OSC.
 */
@Component(service = SampleSdnResource.class)
@JakartarsResource
@JakartarsExtensionSelect("(osgi.jakartars.media.type=application/json)")
@Path("sample/sdn")
@Produces(MediaType.APPLICATION_JSON)
public class SampleSdnResource {

    private final SampleSdnAdmin admin;

    /**
     * Creates the resource on the controller it shows.
     *
     * @param admin the sample controller
     */
    @Activate
    public SampleSdnResource(@Reference(name = "admin") SampleSdnAdmin admin) {
        this.admin = admin;
    }

    /** Everything: ports, port groups, inspection ports, hooks and call counters. */
    @GET
    @Path("state")
    public Snapshot state() {
        return admin.snapshot();
    }

    /** SPI calls per operation, and the calls that changed state. */
    @GET
    @Path("calls")
    public Counters calls() {
        return admin.snapshot().counters();
    }

    /** Known pod ports. */
    @GET
    @Path("ports")
    public Map<String, List<PortView>> ports() {
        return Map.of("items", admin.snapshot().ports());
    }

    /** Tells the controller a pod's port; 400 for a malformed body. */
    @PUT
    @Path("ports/{namespace}/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PortView putPort(@PathParam("namespace") String namespace, @PathParam("name") String name,
            PortRequest request) {
        try {
            return admin.putPort(namespace, name, request);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** Forgets a pod's port, as if the pod had left the network; 404 if the controller has none. */
    @DELETE
    @Path("ports/{namespace}/{name}")
    public void deletePort(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        found(admin.deletePort(namespace, name), "port for pod", namespace + "/" + name);
    }

    /** Port groups with their members. */
    @GET
    @Path("port-groups")
    public Map<String, List<PortGroupView>> portGroups() {
        return Map.of("items", admin.snapshot().portGroups());
    }

    /** One port group; 404 if unknown. */
    @GET
    @Path("port-groups/{id}")
    public PortGroupView portGroup(@PathParam("id") String id) {
        return admin.snapshot().portGroups().stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("no port group " + id));
    }

    /** Deletes a port group and its hooks, as drift; 404 if unknown. */
    @DELETE
    @Path("port-groups/{id}")
    public void deletePortGroup(@PathParam("id") String id) {
        found(admin.deletePortGroup(id), "port group", id);
    }

    /** Sets a port group's members, as drift; 404 if the group is unknown, 400 if a port is. */
    @PUT
    @Path("port-groups/{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    public PortGroupView setPortGroupMembers(@PathParam("id") String id, MembersRequest request) {
        if (request == null || request.portIds() == null) {
            throw new BadRequestException("body {\"portIds\": [...]} required");
        }
        try {
            return admin.setPortGroupMembers(id, request.portIds())
                    .orElseThrow(() -> new NotFoundException("no port group " + id));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** Inspection ports, and the ids of those OSC set unhealthy. */
    @GET
    @Path("inspection-ports")
    public InspectionPortsView inspectionPorts() {
        Snapshot snapshot = admin.snapshot();
        return new InspectionPortsView(snapshot.inspectionPorts(), snapshot.unhealthyInspectionPorts());
    }

    /** Deletes an inspection port and the hooks to it, as drift; 404 if unknown. */
    @DELETE
    @Path("inspection-ports/{id}")
    public void deleteInspectionPort(@PathParam("id") String id) {
        found(admin.deleteInspectionPort(id), "inspection port", id);
    }

    /** Inspection hooks with tag, encapsulation, order and failure policy. */
    @GET
    @Path("hooks")
    public Map<String, List<HookView>> hooks() {
        return Map.of("items", admin.snapshot().hooks());
    }

    /** Deletes a hook, as drift; 404 if unknown. */
    @DELETE
    @Path("hooks/{id}")
    public void deleteHook(@PathParam("id") String id) {
        found(admin.deleteHook(id), "hook", id);
    }

    /** Takes the controller down ({@code {"reachable": false}}) or brings it back. */
    @PUT
    @Path("reachable")
    @Consumes(MediaType.APPLICATION_JSON)
    public Reachability setReachable(Reachability request) {
        if (request == null) {
            throw new BadRequestException("body {\"reachable\": true|false} required");
        }
        admin.setReachable(request.reachable());
        return new Reachability(admin.snapshot().reachable());
    }

    private static void found(boolean found, String what, String id) {
        if (!found) {
            throw new NotFoundException("no " + what + " " + id);
        }
    }
}
