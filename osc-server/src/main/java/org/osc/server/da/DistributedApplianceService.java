package org.osc.server.da;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hibernate.Session;
import org.osc.server.domain.DeploymentSpec;
import org.osc.server.domain.DistributedAppliance;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroupInterface;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.mc.JobStarted;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.LastJob;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.summary.LastJobs;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Distributed appliances and their virtual systems: validation, storage and views. Every write starts the
 * appliance's reconcile, which keeps one manager device per virtual system; a delete (of the appliance, or of
 * a virtual system a PUT leaves out) only marks the rows, and the reconcile removes the devices, then them.
 */
@Component(service = DistributedApplianceService.class)
public class DistributedApplianceService {

    private final Database database;
    private final ReconcileService reconcile;
    private final LastJobs lastJobs;
    private final DistributedApplianceChecks checks;

    /** A service over the database, checking plugins in the registry, reconciling through the service. */
    @Activate
    public DistributedApplianceService(@Reference Database database, @Reference PluginRegistry plugins,
            @Reference ReconcileService reconcile) {
        this.database = database;
        this.reconcile = reconcile;
        this.lastJobs = new LastJobs(reconcile);
        this.checks = new DistributedApplianceChecks(plugins);
    }

    /** @return every distributed appliance, by id */
    public List<DistributedApplianceBody> list() {
        return database.read(s -> lastJobs.views(s, ObjectType.DISTRIBUTED_APPLIANCE,
                s.createSelectionQuery("from DistributedAppliance order by id", DistributedAppliance.class)
                        .getResultList(), DistributedAppliance::getId, DistributedApplianceService::view));
    }

    /** @return one distributed appliance; NotFoundException otherwise */
    public DistributedApplianceBody get(long id) {
        return database.read(s -> view(find(s, id),
                lastJobs.of(s, ObjectType.DISTRIBUTED_APPLIANCE, id)));
    }

    /** Validates and stores a distributed appliance with its virtual systems, then starts its reconcile. */
    public JobStarted create(DistributedApplianceBody body) {
        long id = database.inTransaction(session -> {
            DistributedApplianceChecks.Resolved resolved = checks.resolve(session, body, null);
            requireUniqueName(session, body.name(), null);
            DistributedAppliance da = new DistributedAppliance();
            da.setName(body.name().trim());
            da.setManagerConnector(resolved.connector());
            da.setSoftwareVersion(resolved.version());
            resolved.systems().forEach(wanted -> da.getVirtualSystems().add(newSystem(da, wanted)));
            session.persist(da);
            return da.getId();
        });
        return new JobStarted(id, reconcile.reconcile(ObjectType.DISTRIBUTED_APPLIANCE, id));
    }

    /**
     * Replaces name, software version and virtual systems (matched by virtualization connector): new ones are
     * added, changed ones updated, left-out ones marked for removal; then starts the reconcile.
     *
     * @throws ConflictException when the appliance is being deleted, or a left-out virtual system still has
     *     deployment specs or bindings
     */
    public JobStarted update(long id, DistributedApplianceBody body) {
        database.run(session -> {
            DistributedAppliance da = find(session, id);
            requireNotDeleting(da);
            DistributedApplianceChecks.Resolved resolved = checks.resolve(session, body, da);
            requireUniqueName(session, body.name(), id);
            da.setName(body.name().trim());
            da.setSoftwareVersion(resolved.version());
            Map<Long, VirtualSystem> current = new HashMap<>();
            da.getVirtualSystems().forEach(vs -> current.put(vs.getVirtualizationConnector().getId(), vs));
            for (DistributedApplianceChecks.Wanted wanted : resolved.systems()) {
                VirtualSystem vs = current.remove(wanted.connector().getId());
                if (vs == null) {
                    da.getVirtualSystems().add(newSystem(da, wanted));
                } else {
                    change(session, vs, wanted);
                }
            }
            for (VirtualSystem left : current.values()) {
                if (!left.isMarkedForDeletion()) {
                    requireUnused(session, left, "Virtual system " + left.getId() + " on '"
                            + left.getVirtualizationConnector().getName() + "' cannot be removed");
                    left.markForDeletion();
                }
            }
        });
        return new JobStarted(id, reconcile.reconcile(ObjectType.DISTRIBUTED_APPLIANCE, id));
    }

    /**
     * Marks the appliance for deletion and starts the reconcile that removes its devices, then its rows.
     *
     * @return the job id
     * @throws ConflictException while any virtual system has deployment specs or bindings
     */
    public long delete(long id) {
        database.run(session -> {
            DistributedAppliance da = find(session, id);
            for (VirtualSystem vs : da.getVirtualSystems()) {
                requireUnused(session, vs, "Distributed appliance '" + da.getName() + "' cannot be deleted");
            }
            da.markForDeletion();
        });
        return reconcile.reconcile(ObjectType.DISTRIBUTED_APPLIANCE, id);
    }

    /**
     * Removes the appliance with its virtual systems, their deployment specs, instances and bindings, without
     * touching the manager or the cluster (for when they are gone for good).
     */
    public void forceDelete(long id) {
        database.run(session -> {
            DistributedAppliance da = find(session, id);
            for (VirtualSystem vs : da.getVirtualSystems()) {
                for (DeploymentSpec spec : session.createSelectionQuery(
                        "from DeploymentSpec d where d.virtualSystem = :vs", DeploymentSpec.class)
                        .setParameter("vs", vs).getResultList()) {
                    DeploymentSpecService.removeWithInstances(session, spec);
                }
                session.createSelectionQuery("from SecurityGroupInterface b where b.virtualSystem = :vs",
                        SecurityGroupInterface.class).setParameter("vs", vs).getResultList()
                        // Through the group's collection, so that orphan removal deletes it and no cascade re-saves it.
                        .forEach(binding -> binding.getSecurityGroup().getBindings().remove(binding));
            }
            // Dependent rows go first, so the appliance's own delete never meets a foreign key.
            session.flush();
            session.remove(da);
        });
    }

    /** Starts (or joins) the reconcile of an existing appliance; returns the job id. */
    public long sync(long id) {
        database.run(session -> find(session, id));
        return reconcile.reconcile(ObjectType.DISTRIBUTED_APPLIANCE, id);
    }

    /** @return the appliance; NotFoundException otherwise */
    public static DistributedAppliance find(Session session, long id) {
        DistributedAppliance da = session.find(DistributedAppliance.class, id);
        if (da == null) {
            throw new NotFoundException("Distributed appliance " + id);
        }
        return da;
    }

    /** @return the virtual system; NotFoundException otherwise (for other services in the same transaction) */
    public static VirtualSystem findVirtualSystem(Session session, long id) {
        VirtualSystem vs = session.find(VirtualSystem.class, id);
        if (vs == null) {
            throw new NotFoundException("Virtual system " + id);
        }
        return vs;
    }

    private static VirtualSystem newSystem(DistributedAppliance da, DistributedApplianceChecks.Wanted wanted) {
        VirtualSystem vs = new VirtualSystem();
        vs.setDistributedAppliance(da);
        vs.setVirtualizationConnector(wanted.connector());
        vs.setDomainId(wanted.domainId());
        vs.setEncapsulationType(wanted.encapsulationType());
        return vs;
    }

    private static void change(Session session, VirtualSystem vs, DistributedApplianceChecks.Wanted wanted) {
        String on = "virtual system " + vs.getId() + " on '" + vs.getVirtualizationConnector().getName() + "'";
        if (vs.isMarkedForDeletion()) {
            throw new ConflictException("The " + on + " is still being removed; try again when its job is done");
        }
        if (!Objects.equals(vs.getDomainId(), wanted.domainId()) && bindings(session, vs) > 0) {
            // The bindings' policies belong to the old domain.
            throw new ConflictException("The domain of " + on + " cannot change while security groups are bound to it");
        }
        vs.setDomainId(wanted.domainId());
        vs.setEncapsulationType(wanted.encapsulationType());
    }

    private static void requireUnused(Session session, VirtualSystem vs, String what) {
        long specs = session.createSelectionQuery("select count(d) from DeploymentSpec d where d.virtualSystem = :vs",
                Long.class).setParameter("vs", vs).getSingleResult();
        long bindings = bindings(session, vs);
        if (specs + bindings > 0) {
            throw new ConflictException(what + ": virtual system " + vs.getId() + " on '"
                    + vs.getVirtualizationConnector().getName() + "' still has " + specs + " deployment spec(s) and "
                    + bindings + " security group binding(s)");
        }
    }

    private static long bindings(Session session, VirtualSystem vs) {
        return session.createSelectionQuery(
                "select count(b) from SecurityGroupInterface b where b.virtualSystem = :vs", Long.class)
                .setParameter("vs", vs).getSingleResult();
    }

    private static void requireNotDeleting(DistributedAppliance da) {
        if (da.isMarkedForDeletion()) {
            throw new ConflictException("Distributed appliance '" + da.getName() + "' is being deleted");
        }
    }

    private static DistributedApplianceBody view(DistributedAppliance da, LastJob last) {
        List<DistributedApplianceBody.VirtualSystemBody> systems = new ArrayList<>();
        for (VirtualSystem vs : da.getVirtualSystems()) {
            systems.add(new DistributedApplianceBody.VirtualSystemBody(vs.getId(),
                    vs.getVirtualizationConnector().getId(), vs.getDomainId(), vs.getEncapsulationType(),
                    vs.getManagerDeviceId(), vs.isMarkedForDeletion()));
        }
        return new DistributedApplianceBody(da.getId(), da.getName(), da.getManagerConnector().getId(),
                da.getSoftwareVersion().getId(), systems, da.isMarkedForDeletion(), last.lastJobId(),
                last.lastJobState(), last.lastJobStatus(), last.nextRetryAt());
    }

    private static void requireUniqueName(Session session, String name, Long self) {
        List<Long> ids = session.createSelectionQuery("select d.id from DistributedAppliance d where d.name = :n",
                Long.class).setParameter("n", name.trim()).getResultList();
        if (ids.stream().anyMatch(id -> !id.equals(self))) {
            throw new ConflictException("name", "A distributed appliance named '" + name.trim() + "' already exists");
        }
    }
}
