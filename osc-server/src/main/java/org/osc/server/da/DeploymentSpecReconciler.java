package org.osc.server.da;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.hibernate.Session;
import org.osc.platform.api.DeployedInstance;
import org.osc.platform.api.DeploymentRequest;
import org.osc.platform.api.DeploymentTarget;
import org.osc.platform.api.PlatformException;
import org.osc.platform.api.VnfImage;
import org.osc.server.domain.ApplianceSoftwareVersion;
import org.osc.server.domain.DeploymentSpec;
import org.osc.server.domain.DistributedAppliance;
import org.osc.server.domain.DistributedApplianceInstance;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.job.JobAbortedException;
import org.osc.server.job.TaskContext;
import org.osc.server.mc.ManagerFailure;
import org.osc.server.persistence.Database;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.NotReadyException;
import org.osc.server.reconcile.ReconcileContext;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.reconcile.Result;
import org.osc.server.reconcile.TerminalException;
import org.osc.server.vc.VirtualizationConnectorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reconciles a deployment spec through the {@link DeploymentTarget} of its virtualization connector's type:
 * applies the desired state (namespace, count, image), records the instances the platform reports and has
 * {@link InstanceRegistration} register them with the SDN controller and the manager (and deregister those
 * whose pods went); or, for a spec marked for deletion, deregisters every instance (the bound security groups'
 * reconcile, run inside the same job, first moves their inspection hooks off its VNFs), removes its VNFs and then
 * its rows, so that the job the delete answered ends PASSED once the spec is gone. Without a target for the type
 * the job fails and says so; nothing is pretended.
 */
@Component(service = Reconciler.class)
public class DeploymentSpecReconciler implements Reconciler {

    /** What the task found in the database. */
    private record Desired(String label, String type, boolean deleting, boolean parentDeleting,
            DeploymentRequest request) {
    }

    /** When a spec with VNF pods not inspection-ready yet is looked at again, at the earliest. */
    static final Duration NOT_READY_RECHECK = Duration.ofSeconds(1);

    private final Database database;
    private final PlatformRegistry targets;
    private final InstanceRegistration registration;

    /**
     * A reconciler reading specs from the database, deploying through the targets present, registering
     * instances through the plugins, and asking for the reconcile of the security groups whose hooks must follow.
     */
    @Activate
    public DeploymentSpecReconciler(@Reference Database database, @Reference PlatformRegistry targets,
            @Reference PluginRegistry plugins, @Reference ReconcileQueue queue) {
        this.database = database;
        this.targets = targets;
        this.registration = new InstanceRegistration(database, plugins, queue);
    }

    @Override
    public ObjectType type() {
        return ObjectType.DEPLOYMENT_SPEC;
    }

    @Override
    public Optional<Description> describe(long id) {
        // Name only: the reconcile decides from the state it reads when it runs. Empty when gone, or never ours
        // (a VNF object labelled for a spec removed meanwhile).
        return database.inTransaction(s -> Optional.ofNullable(s.find(DeploymentSpec.class, id))
                .map(spec -> new Description(title(spec))));
    }

    @Override
    public Result reconcile(long id, ReconcileContext job) throws Exception {
        Desired desired = database.inTransaction(s -> read(s, id));
        if (desired == null) {
            return Result.done(); // removed meanwhile
        }
        if (!desired.deleting() && desired.parentDeleting()) {
            throw new TerminalException(desired.label() + ": its virtual system is being deleted; delete the spec");
        }
        DeploymentTarget target = targets.deploymentTarget(desired.type()).orElseThrow(() -> new NotReadyException(
                "No virtualization platform for " + desired.type() + " is running"));
        String spec = "deployment spec '" + desired.request().specName() + "'";
        if (desired.deleting()) {
            return delete(id, desired, target, spec, job);
        }
        InstanceStore.Changes changes = job.value("Apply " + spec, ctx -> apply(id, desired, target, ctx));
        InstanceRegistration.Outcome outcome = job.value("Register the instances of " + spec, ctx -> {
            InstanceRegistration.Outcome registered = registration.run(id, changes.readinessChanged(), ctx);
            ctx.status(desired.label() + ": " + changes.rows() + " instance row(s) changed; " + registered.ready()
                    + " inspection-ready, " + registered.pending() + " not yet, " + registered.removed()
                    + " deregistered, " + registered.kept() + " kept until no hook uses its inspection port");
            return registered;
        });
        // No port for a VNF pod yet (starting, or the SDN controller has not learned it): check again; a pod
        // event or the SDN plugin's push usually comes first. Repeats back off (ReconcileService).
        return outcome.pending() > 0 ? Result.requeueAfter(NOT_READY_RECHECK) : Result.done();
    }

    /**
     * Deregisters every instance while its VNF still runs (so that nothing is left pointing at a removed pod),
     * having the bound groups move their inspection hooks off the VNFs first, then removes the VNFs and the rows.
     */
    private Result delete(long id, Desired desired, DeploymentTarget target, String spec, ReconcileContext job)
            throws Exception {
        InstanceRegistration.Outcome outcome = job.value("Deregister the instances of " + spec, ctx -> {
            ctx.addObject(ObjectType.DEPLOYMENT_SPEC.ref(id));
            database.run(s -> markInstances(s, id));
            return registration.run(id, ctx);
        });
        if (outcome.kept() > 0) {
            // Hooks still redirect to the VNFs: their groups move them (or remove them) now, inside this job. A
            // group may fail even so (with no VNF left its binding waits for one, after removing its hook): its
            // own retries follow, and what counts here is whether the hooks left.
            List<String> failures = new ArrayList<>();
            for (long group : outcome.groups().keySet()) {
                try {
                    job.reconcileNow(ObjectType.SECURITY_GROUP, group);
                } catch (JobAbortedException e) {
                    throw e;
                } catch (Exception e) {
                    failures.add(Result.of(e).reason());
                }
            }
            outcome = job.value("Deregister the instances the hooks left", ctx -> registration.run(id, ctx));
            if (outcome.kept() > 0) {
                throw new NotReadyException(inUse(desired.request().specName(), outcome)
                        + (failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")"));
            }
        }
        job.step("Remove the VNFs and rows of " + spec, ctx -> {
            platform(desired, () -> {
                target.remove(desired.request());
                return null;
            });
            database.run(s -> {
                DeploymentSpec row = s.find(DeploymentSpec.class, id);
                if (row != null) {
                    DeploymentSpecService.removeWithInstances(s, row);
                }
            });
            ctx.status("Removed " + desired.label());
        });
        return Result.done();
    }

    private static String title(DeploymentSpec spec) {
        return (spec.isMarkedForDeletion() ? "Delete" : "Sync") + " deployment spec '" + spec.getName() + "'";
    }

    /** @return what changed in the instance rows */
    private InstanceStore.Changes apply(long id, Desired desired, DeploymentTarget target, TaskContext ctx)
            throws PlatformException {
        ctx.addObject(ObjectType.DEPLOYMENT_SPEC.ref(id));
        List<DeployedInstance> running = platform(desired, () -> target.apply(desired.request()));
        InstanceStore.Changes changes = database.inTransaction(s -> {
            DeploymentSpec spec = s.find(DeploymentSpec.class, id);
            if (spec == null) {
                throw new TerminalException("Deployment spec " + id + " was deleted while it was applied");
            }
            return InstanceStore.replace(s, spec, running);
        });
        ctx.status(desired.label() + ": " + running.size() + " of " + desired.request().count()
                + " instance(s) running, " + running.stream().filter(DeployedInstance::ready).count() + " ready");
        return changes;
    }

    /** A platform call, whose failure names the spec. */
    private static <T> T platform(Desired desired, PlatformCall<T> call) throws PlatformException {
        try {
            return call.run();
        } catch (PlatformException e) {
            throw new PlatformException(desired.label() + ": " + e.getMessage(), e);
        }
    }

    /** A call to the deployment target. */
    @FunctionalInterface
    private interface PlatformCall<T> {
        T run() throws PlatformException;
    }

    /** Marks every instance of a spec being deleted, so that the bound groups' hooks leave their ports. */
    private static void markInstances(Session session, long specId) {
        session.createSelectionQuery("from DistributedApplianceInstance i where i.deploymentSpec.id = :ds "
                + "and i.markedForDeletion = false", DistributedApplianceInstance.class).setParameter("ds", specId)
                .getResultList().forEach(DistributedApplianceInstance::markForDeletion);
    }

    /** The reason a delete waits: inspection hooks still redirect to the spec's VNFs after their groups' reconcile. */
    private static String inUse(String specName, InstanceRegistration.Outcome outcome) {
        String who = outcome.groups().isEmpty() ? "inspection hooks OSC did not install"
                : "inspection hooks that the reconcile of security group(s) " + outcome.groups().values().stream()
                        .map(n -> "'" + n + "'").collect(Collectors.joining(", "))
                        + " bound to its virtual system did not move (installed outside OSC?)";
        return "Deployment spec '" + specName + "': the inspection port(s) of " + outcome.kept()
                + " instance(s) are still used by " + who + "; the spec is removed once they are gone";
    }

    /** @return the spec's desired state, or null when it no longer exists */
    private static Desired read(Session session, long id) {
        DeploymentSpec spec = session.find(DeploymentSpec.class, id);
        if (spec == null) {
            return null;
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
