package org.osc.server.da;

import java.util.List;

import org.hibernate.Session;
import org.osc.server.da.spi.DeployedInstance;
import org.osc.server.da.spi.DeploymentRequest;
import org.osc.server.da.spi.DeploymentTarget;
import org.osc.server.da.spi.VnfImage;
import org.osc.server.domain.ApplianceSoftwareVersion;
import org.osc.server.domain.DeploymentSpec;
import org.osc.server.domain.DistributedAppliance;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.job.JobGraph;
import org.osc.server.job.TaskContext;
import org.osc.server.persistence.Database;
import org.osc.server.platform.PlatformException;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.vc.VirtualizationConnectorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reconciles a deployment spec through the {@link DeploymentTarget} of its virtualization connector's type:
 * applies the desired state (namespace, count, image) and records the instances the platform reports, or, for
 * a spec marked for deletion, removes its VNFs and then its rows. Without a target for the type the job fails
 * and says so; nothing is pretended.
 */
@Component(service = Reconciler.class)
public class DeploymentSpecReconciler implements Reconciler {

    /** What the task found in the database. */
    private record Desired(String label, String type, boolean deleting, boolean parentDeleting,
            DeploymentRequest request) {
    }

    private final Database database;
    private final DeploymentTargets targets;

    /** A reconciler reading specs from the database and deploying through the targets present. */
    @Activate
    public DeploymentSpecReconciler(@Reference Database database, @Reference DeploymentTargets targets) {
        this.database = database;
        this.targets = targets;
    }

    @Override
    public ObjectType type() {
        return ObjectType.DEPLOYMENT_SPEC;
    }

    @Override
    public JobGraph plan(long id) {
        // Name only: the task decides from the state it reads when it runs.
        String title = database.inTransaction(s -> {
            DeploymentSpec spec = s.find(DeploymentSpec.class, id);
            if (spec == null) {
                return "Sync deployment spec " + id;
            }
            return (spec.isMarkedForDeletion() ? "Delete" : "Sync") + " deployment spec '" + spec.getName() + "'";
        });
        return JobGraph.named(title).task("Reconcile " + title.substring(title.indexOf(' ') + 1),
                ctx -> reconcile(id, ctx));
    }

    private void reconcile(long id, TaskContext ctx) throws PlatformException {
        Desired desired = database.inTransaction(s -> read(s, id));
        if (!desired.deleting() && desired.parentDeleting()) {
            throw new IllegalStateException(desired.label() + ": its virtual system is being deleted; delete the spec");
        }
        DeploymentTarget target = targets.find(desired.type()).orElseThrow(() -> new IllegalStateException(
                "No virtualization platform for " + desired.type() + " is running"));
        ctx.addObject(ObjectType.DEPLOYMENT_SPEC.ref(id));
        try {
            if (desired.deleting()) {
                target.remove(desired.request());
                database.run(s -> {
                    DeploymentSpec spec = s.find(DeploymentSpec.class, id);
                    if (spec != null) {
                        DeploymentSpecService.removeWithInstances(s, spec);
                    }
                });
                ctx.status("Removed " + desired.label());
            } else {
                List<DeployedInstance> running = target.apply(desired.request());
                int changes = database.inTransaction(s -> {
                    DeploymentSpec spec = s.find(DeploymentSpec.class, id);
                    if (spec == null) {
                        throw new IllegalStateException("Deployment spec " + id + " was deleted while it was applied");
                    }
                    return InstanceStore.replace(s, spec, running);
                });
                ctx.status(desired.label() + ": " + running.size() + " of " + desired.request().count()
                        + " instance(s) running, " + changes + " instance row(s) changed");
            }
        } catch (PlatformException e) {
            throw new PlatformException(desired.label() + ": " + e.getMessage(), e);
        }
    }

    private static Desired read(Session session, long id) {
        DeploymentSpec spec = session.find(DeploymentSpec.class, id);
        if (spec == null) {
            throw new IllegalStateException("Deployment spec " + id + " no longer exists");
        }
        VirtualSystem vs = spec.getVirtualSystem();
        DistributedAppliance da = vs.getDistributedAppliance();
        VirtualizationConnector vc = vs.getVirtualizationConnector();
        ApplianceSoftwareVersion version = da.getSoftwareVersion();
        VnfImage image = new VnfImage(version.getAppliance().getModel(), version.getSwVersion(),
                version.getImageUrl(), version.getImagePullSecretName(), version.getCpuRequest(),
                version.getMemoryRequest(), version.getCpuLimit(), version.getMemoryLimit());
        DeploymentRequest request = new DeploymentRequest(spec.getId(), spec.getName(), spec.getNamespace(),
                spec.getCount(), vs.getId(), da.getName(), vs.getEncapsulationType(), image,
                VirtualizationConnectorService.info(vc));
        String label = "Deployment spec '" + spec.getName() + "' (namespace '" + spec.getNamespace() + "' on '"
                + vc.getName() + "')";
        return new Desired(label, vc.getType(), spec.isMarkedForDeletion(),
                vs.isMarkedForDeletion() || da.isMarkedForDeletion(), request);
    }
}
