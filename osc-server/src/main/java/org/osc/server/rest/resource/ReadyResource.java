package org.osc.server.rest.resource;

import org.osc.server.rest.OscApplication;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /serverManagement/ready}, open without credentials, for readiness probes: 200 when the database answers and
 * the server has started (its services and REST resources are up), else 503 with {@code Retry-After}. A replica that
 * does not lead is ready: it serves REST.
 */
@Component(service = ReadyResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/serverManagement/ready")
@Produces(MediaType.APPLICATION_JSON)
public class ReadyResource {

    /** Seconds a probe is told to wait before it asks again. */
    static final String RETRY_AFTER_SECONDS = "5";

    /**
     * The readiness document.
     *
     * @param ready whether this replica serves requests
     * @param database UP or DOWN
     * @param leader whether this replica leads (null before the election has started)
     */
    public record Ready(boolean ready, String database, Boolean leader) {
    }

    private final StatusResource status;

    /** Readiness as the status tells it. */
    @Activate
    public ReadyResource(@Reference StatusResource status) {
        this.status = status;
    }

    /** @return 200 with {@code ready: true}, or 503 with {@code Retry-After} */
    @GET
    public Response ready() {
        StatusResource.Status now = status.status();
        Ready body = new Ready(now.ready(), now.database().state(),
                now.leader() == null ? null : now.leader().isLeader());
        if (now.ready()) {
            return Response.ok(body).build();
        }
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(body).build();
    }
}
