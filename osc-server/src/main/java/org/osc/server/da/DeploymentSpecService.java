package org.osc.server.da;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.hibernate.Session;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.PlatformException;
import org.osc.platform.api.VirtualizationPlatform;
import org.osc.server.domain.Columns;
import org.osc.server.domain.DeploymentSpec;
import org.osc.server.domain.DistributedApplianceInstance;
import org.osc.server.domain.Limits;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.error.Checks;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.UnprocessableException;
import org.osc.server.log.LogSafe;
import org.osc.server.mc.JobStarted;
import org.osc.server.persistence.Database;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.reconcile.LastJob;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.summary.LastJobs;
import org.osc.server.vc.VirtualizationConnectorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployment specs of a virtual system and the instances they run: validation, storage and views. Every
 * write starts the spec's reconcile, which has the virtualization platform deploy, scale or remove the VNFs.
 *
 * <p>Before a spec is stored, and before an update that leaves it with VNFs to run, the connector's platform
 * checks the spec's namespace ({@link VirtualizationPlatform#check}): it must exist, and the connector's
 * credentials must let OSC manage Deployments and NetworkPolicies and list pods there; otherwise 422 on
 * {@code namespace} and nothing is written. An update to {@code count} 0 is not checked, so that VNFs can always
 * be scaled away. Without a platform for the connector's type the spec is stored unchecked (a warning is logged).
 */
@Component(service = DeploymentSpecService.class)
public class DeploymentSpecService {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentSpecService.class);
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final Database database;
    private final ReconcileService reconcile;
    private final LastJobs lastJobs;
    private final PlatformRegistry platforms;

    /** A service over the database, reconciling through the service, checking namespaces through the platforms. */
    @Activate
    public DeploymentSpecService(@Reference Database database, @Reference ReconcileService reconcile,
            @Reference PlatformRegistry platforms) {
        this.database = database;
        this.reconcile = reconcile;
        this.lastJobs = new LastJobs(reconcile);
        this.platforms = platforms;
    }

    /** A service without platforms (tests): namespaces are not checked. */
    public DeploymentSpecService(Database database, ReconcileService reconcile) {
        this(database, reconcile, new PlatformRegistry());
    }

    /** @return the specs of a virtual system, by id; NotFoundException when it does not exist */
    public List<DeploymentSpecBody> list(long vsId) {
        return database.read(s -> lastJobs.views(s, ObjectType.DEPLOYMENT_SPEC, s.createSelectionQuery(
                "from DeploymentSpec d where d.virtualSystem = :vs order by d.id", DeploymentSpec.class)
                .setParameter("vs", DistributedApplianceService.findVirtualSystem(s, vsId)).getResultList(),
                DeploymentSpec::getId, DeploymentSpecService::view));
    }

    /** @return one spec of a virtual system; NotFoundException otherwise */
    public DeploymentSpecBody get(long vsId, long id) {
        return database.read(s -> view(find(s, vsId, id), lastJobs.of(s, ObjectType.DEPLOYMENT_SPEC, id)));
    }

    /**
     * Validates a spec, checks its namespace in the cluster, stores it, then starts its reconcile. The check
     * talks to the network, so it runs between two transactions; what it relies on is checked again when
     * writing.
     */
    public JobStarted create(long vsId, DeploymentSpecBody body) {
        Cluster cluster = database.inTransaction(session -> {
            VirtualSystem vs = writableVirtualSystem(session, vsId);
            validate(body);
            requireUniqueName(session, vs, body.name(), null);
            return Cluster.of(vs);
        });
        checkNamespace(cluster, body.namespace());
        long id = database.inTransaction(session -> {
            VirtualSystem vs = writableVirtualSystem(session, vsId);
            validate(body);
            requireUniqueName(session, vs, body.name(), null);
            DeploymentSpec spec = new DeploymentSpec();
            spec.setVirtualSystem(vs);
            spec.setName(body.name().trim());
            spec.setNamespace(body.namespace());
            spec.setCount(body.count());
            session.persist(spec);
            return spec.getId();
        });
        return new JobStarted(id, reconcile.reconcile(ObjectType.DEPLOYMENT_SPEC, id));
    }

    /**
     * Replaces name and count (the namespace is fixed), then starts the reconcile. Unless the new count is 0,
     * the namespace is checked in the cluster first.
     */
    public JobStarted update(long vsId, long id, DeploymentSpecBody body) {
        Cluster cluster = database.inTransaction(session -> {
            DeploymentSpec spec = updatable(session, vsId, id, body);
            return Cluster.of(spec.getVirtualSystem());
        });
        if (body.count() > 0) {
            checkNamespace(cluster, body.namespace());
        }
        database.run(session -> {
            DeploymentSpec spec = updatable(session, vsId, id, body);
            spec.setName(body.name().trim());
            spec.setCount(body.count());
        });
        return new JobStarted(id, reconcile.reconcile(ObjectType.DEPLOYMENT_SPEC, id));
    }

    /** Marks the spec for deletion and starts the reconcile that removes its VNFs, then it; returns the job id. */
    public long delete(long vsId, long id) {
        database.run(session -> find(session, vsId, id).markForDeletion());
        return reconcile.reconcile(ObjectType.DEPLOYMENT_SPEC, id);
    }

    /** Removes the spec and its instances without touching the cluster. */
    public void forceDelete(long vsId, long id) {
        database.run(session -> removeWithInstances(session, find(session, vsId, id)));
    }

    /** Starts (or joins) the reconcile of an existing spec; returns the job id. */
    public long sync(long vsId, long id) {
        database.run(session -> find(session, vsId, id));
        return reconcile.reconcile(ObjectType.DEPLOYMENT_SPEC, id);
    }

    /**
     * @return the instances of every spec of a virtual system, by id; not those marked for deletion (their pods
     *     are gone, only their registrations are still being removed)
     */
    public List<DistributedApplianceInstanceBody> instances(long vsId) {
        return database.read(s -> s.createSelectionQuery("from DistributedApplianceInstance i "
                + "where i.deploymentSpec.virtualSystem = :vs and i.markedForDeletion = false order by i.id",
                DistributedApplianceInstance.class)
                .setParameter("vs", DistributedApplianceService.findVirtualSystem(s, vsId)).getResultList().stream()
                .map(i -> new DistributedApplianceInstanceBody(i.getId(), i.getDeploymentSpec().getId(), i.getName(),
                        i.getPodUid(), i.getNamespace(), i.getIpAddress(), i.getMacAddress(),
                        i.getInspectionPortId(), i.isInspectionReady(), i.isPodReady()))
                .toList());
    }

    /** @return the spec once the update is known to be valid; the problem otherwise */
    private static DeploymentSpec updatable(Session session, long vsId, long id, DeploymentSpecBody body) {
        DeploymentSpec spec = find(session, vsId, id);
        if (spec.isMarkedForDeletion()) {
            throw new ConflictException("Deployment spec '" + spec.getName() + "' is being deleted");
        }
        validate(body);
        if (!spec.getNamespace().equals(body.namespace())) {
            Checks.start().fail("namespace", "cannot change (it is '" + spec.getNamespace()
                    + "'); create another deployment spec for namespace '" + body.namespace() + "'").done();
        }
        requireUniqueName(session, spec.getVirtualSystem(), body.name(), id);
        return spec;
    }

    private static VirtualSystem writableVirtualSystem(Session session, long vsId) {
        VirtualSystem vs = DistributedApplianceService.findVirtualSystem(session, vsId);
        if (vs.isMarkedForDeletion() || vs.getDistributedAppliance().isMarkedForDeletion()) {
            throw new ConflictException("Virtual system " + vsId + " is being deleted");
        }
        return vs;
    }

    /**
     * Has the connector's platform check the namespace.
     *
     * @throws UnprocessableException on {@code namespace}, with the platform's reason
     */
    private void checkNamespace(Cluster cluster, String namespace) {
        if (cluster == null) {
            return;
        }
        Optional<VirtualizationPlatform> platform = platforms.platform(cluster.type());
        if (platform.isEmpty()) {
            LOG.warn("No virtualization platform for type {} is present: namespace '{}' of connector '{}' is not "
                    + "checked", LogSafe.of(cluster.type()), LogSafe.of(namespace),
                    LogSafe.of(cluster.connector().name()));
            return;
        }
        try {
            platform.get().check(cluster.connector(), List.of(namespace));
        } catch (PlatformException e) {
            throw new UnprocessableException("namespace", "virtualization connector '" + cluster.connector().name()
                    + "': " + e.getMessage());
        }
    }

    /** The cluster a virtual system deploys to: its connector's type and how to reach it. */
    private record Cluster(String type, ConnectorInfo connector) {
        /** @return the virtual system's cluster, null when it has no connector */
        static Cluster of(VirtualSystem vs) {
            VirtualizationConnector vc = vs.getVirtualizationConnector();
            return vc == null ? null : new Cluster(vc.getType(), VirtualizationConnectorService.info(vc));
        }
    }

    /** Deletes a spec's instance rows, then the spec (for force deletes and the reconciler). */
    static void removeWithInstances(Session session, DeploymentSpec spec) {
        session.createMutationQuery("delete from DistributedApplianceInstance i where i.deploymentSpec = :ds")
                .setParameter("ds", spec).executeUpdate();
        session.remove(spec);
    }

    private static DeploymentSpec find(Session session, long vsId, long id) {
        VirtualSystem vs = DistributedApplianceService.findVirtualSystem(session, vsId);
        DeploymentSpec spec = session.find(DeploymentSpec.class, id);
        if (spec == null || !spec.getVirtualSystem().getId().equals(vs.getId())) {
            throw new NotFoundException("Deployment spec " + id + " of virtual system " + vsId);
        }
        return spec;
    }

    private static void validate(DeploymentSpecBody body) {
        if (body == null) {
            Checks.start().fail("body", "is required").done();
        }
        Checks checks = Checks.start().text("name", body.name(), Columns.NAME);
        String namespace = body.namespace();
        if (namespace == null || namespace.isEmpty()) {
            checks.fail("namespace", "is required");
        } else {
            checks.require(namespace.length() <= Columns.NAMESPACE && DNS_LABEL.matcher(namespace).matches(),
                    "namespace",
                    "must be a Kubernetes namespace name: at most 63 lower-case alphanumerics or '-', starting and "
                            + "ending with an alphanumeric");
        }
        checks.integer("count", body.count(), 0, Limits.MAX_INSTANCES);
        checks.done();
    }

    private static void requireUniqueName(Session session, VirtualSystem vs, String name, Long self) {
        List<Long> ids = session.createSelectionQuery(
                "select d.id from DeploymentSpec d where d.virtualSystem = :vs and d.name = :n", Long.class)
                .setParameter("vs", vs).setParameter("n", name.trim()).getResultList();
        if (ids.stream().anyMatch(id -> !id.equals(self))) {
            throw new ConflictException("name", "Virtual system " + vs.getId()
                    + " already has a deployment spec named '" + name.trim() + "'");
        }
    }

    private static DeploymentSpecBody view(DeploymentSpec spec, LastJob last) {
        return new DeploymentSpecBody(spec.getId(), spec.getVirtualSystem().getId(), spec.getName(),
                spec.getNamespace(), spec.getCount(), spec.isMarkedForDeletion(), last.lastJobId(),
                last.lastJobState(), last.lastJobStatus(), last.nextRetryAt());
    }
}
