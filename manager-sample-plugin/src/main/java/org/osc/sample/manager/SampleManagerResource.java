package org.osc.sample.manager;

import org.osc.api.manager.ManagerException;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupInterfaceElement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Shows the sample manager's state under {@code /api/plugins/sample/manager/...}, so that tests and demos can see
 * what OSC told the manager, and lets them delete a device or group behind OSC's back to exercise drift
 * repair. Selects the server's JSON provider so it is served only once JSON can be written.
 */
@Component(service = SampleManagerResource.class)
@JakartarsResource
@JakartarsExtensionSelect("(osgi.jakartars.media.type=application/json)")
@Path("sample/manager")
@Produces(MediaType.APPLICATION_JSON)
public class SampleManagerResource {

    private final SampleInspection inspection;

    /**
     * Creates the resource over the sample's state.
     *
     * @param inspection the sample manager's read and drift operations
     */
    @Activate
    public SampleManagerResource(@Reference(name = "inspection") SampleInspection inspection) {
        this.inspection = inspection;
    }

    /** @return domains with their policies */
    @GET
    @Path("domains")
    public SampleViews.Items<SampleViews.DomainView> domains() {
        return new SampleViews.Items<>(inspection.domains());
    }

    /** @return devices with their members */
    @GET
    @Path("devices")
    public SampleViews.Items<SampleViews.DeviceView> devices() {
        return new SampleViews.Items<>(inspection.devices());
    }

    /** @return security groups with their members */
    @GET
    @Path("security-groups")
    public SampleViews.Items<SecurityGroupElement> securityGroups() {
        return new SampleViews.Items<>(inspection.securityGroups());
    }

    /** @return policy mappings */
    @GET
    @Path("security-group-interfaces")
    public SampleViews.Items<SecurityGroupInterfaceElement> securityGroupInterfaces() {
        return new SampleViews.Items<>(inspection.securityGroupInterfaces());
    }

    /** @return object counts and per-operation call counters */
    @GET
    @Path("summary")
    public SampleViews.SummaryView summary() {
        return inspection.summary();
    }

    /**
     * Deletes a device (with its members and mappings) as if an administrator did it on the manager.
     *
     * @param id device id
     * @return 204 when deleted
     * @throws ManagerException when the state cannot be persisted
     * @throws NotFoundException (404) when there is no such device
     */
    @DELETE
    @Path("devices/{id}")
    public Response deleteDevice(@PathParam("id") String id) throws ManagerException {
        return deleted(inspection.removeDevice(id), "device", id);
    }

    /**
     * Deletes a security group (with its mappings) as if an administrator did it on the manager.
     *
     * @param id security group id
     * @return 204 when deleted
     * @throws ManagerException when the state cannot be persisted
     * @throws NotFoundException (404) when there is no such group
     */
    @DELETE
    @Path("security-groups/{id}")
    public Response deleteSecurityGroup(@PathParam("id") String id) throws ManagerException {
        return deleted(inspection.removeSecurityGroup(id), "security group", id);
    }

    private static Response deleted(boolean existed, String type, String id) {
        if (!existed) {
            throw new NotFoundException("no " + type + " '" + id + "' in the sample manager");
        }
        return Response.noContent().build();
    }
}
