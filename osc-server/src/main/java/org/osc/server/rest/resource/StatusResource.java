package org.osc.server.rest.resource;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.osc.server.jobs.JobService;
import org.osc.server.leader.internal.LeaderElection;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginInfo;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.rest.OscApplication;
import org.osc.server.tls.ServerTls;
import org.osc.server.tls.TlsStatus;
import org.osc.server.user.UserService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /serverManagement/status}, open without credentials: version, readiness, uptime, database, plugins, the
 * TLS certificate served (null in plain HTTP) and who leads ({@code leader}: this replica's identity, the leader's,
 * whether this replica leads, since when, the lock). It stays up when the database is down (the database reference
 * is optional), so it can say so.
 */
@Component(service = StatusResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/serverManagement/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    /** The status document; {@code tls} is null when the server speaks plain HTTP ({@code OSC_PLAIN_HTTP}). */
    public record Status(String version, boolean ready, Instant started, long uptimeSeconds,
            DatabaseStatus database, List<PluginStatus> plugins, TlsStatus tls, LeaderElection.Status leader) {
    }

    /** The database part: UP or DOWN, which kind, which schema version. */
    public record DatabaseStatus(String state, String kind, String schemaVersion) {
    }

    /** One plugin, as far as the status page tells. */
    public record PluginStatus(String name, String type, String state) {
    }

    private final String version;
    private final PluginRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Database database;

    // Ready means the services behind the API are up, not only this resource.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserService users;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile JobService jobs;

    // ...and the REST whiteboard serves every resource of this bundle (see ResourcesServed).
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile JakartarsServiceRuntime rest;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServerTls tls;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LeaderElection election;

    private final BundleContext context;

    /** Resource reporting on this bundle's version and the given registry. */
    @Activate
    public StatusResource(BundleContext context, @Reference PluginRegistry registry) {
        this.context = context;
        this.version = context.getBundle().getVersion().toString();
        this.registry = registry;
    }

    /** @return the server's status */
    @GET
    public Status status() {
        long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        Instant started = Instant.ofEpochMilli(startMillis);
        Database db = database;
        DatabaseStatus dbStatus = db == null ? new DatabaseStatus("DOWN", null, null)
                : new DatabaseStatus(db.isHealthy() ? "UP" : "DOWN", db.kind(), db.schemaVersion());
        List<PluginStatus> plugins = registry.list().stream()
                .map((PluginInfo p) -> new PluginStatus(p.name(), p.type().name(), p.state())).toList();
        boolean ready = "UP".equals(dbStatus.state()) && users != null && jobs != null && election != null
                && ResourcesServed.all(context, rest);
        ServerTls served = tls;
        LeaderElection leaders = election;
        return new Status(version, ready, started, Duration.between(started, Instant.now()).toSeconds(), dbStatus,
                plugins, served == null ? null : served.status(), leaders == null ? null : leaders.status());
    }
}
