package org.osc.server.da;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerDeviceApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerObjectNotFoundException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.server.da.InstanceSnapshot.Instance;
import org.osc.server.domain.DistributedApplianceInstance;
import org.osc.server.domain.ObjectType;
import org.osc.server.job.TaskContext;
import org.osc.server.mc.ManagerFailure;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.SdnFailures;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.NotReadyException;
import org.osc.server.reconcile.ReconcileQueue;

/**
 * Registers a deployment spec's VNF pods where inspection needs them: each live instance with an IP as an
 * inspection port on its connector's SDN controller and as a member of its virtual system's device on the
 * manager; instances marked for deletion lose both, then their row. An instance is inspection-ready when it
 * has both. Reads the database when it runs, keeps no transaction open while a plugin answers, and changes
 * nothing on a repeat (reads only).
 *
 * <p>An SDN plugin that supports failure policies is told each inspection port's health: its pod's readiness
 * (false for an instance going away), so that a hook that has no ready VNF to move to applies its failure policy.
 *
 * <p>Hooks are the binding side's: when an inspection port came, changed, went or changed health, every security
 * group bound to the virtual system is reconciled, which moves its hooks onto live, ready inspection ports. A port that a hook
 * still uses cannot be removed yet; its instance stays marked and the next reconcile removes it.
 */
final class InstanceRegistration {

    /**
     * What one run did.
     *
     * @param ready live instances now inspection-ready
     * @param pending live instances not ready (no IP yet, or the controller has no port for the pod yet)
     * @param removed instance rows removed with their registrations
     * @param kept instances marked for deletion whose inspection port a hook still uses
     * @param groups id to name of the security groups bound to the virtual system
     */
    record Outcome(int ready, int pending, int removed, int kept, Map<Long, String> groups) {
    }

    /** An instance and what the plugins now hold for it. */
    private static final class Row {
        final Instance instance;
        String portId;
        String mac;
        String memberId;

        Row(Instance instance) {
            this.instance = instance;
            portId = instance.inspectionPortId();
            mac = instance.macAddress();
            memberId = instance.managerMemberId();
        }

        boolean ready() {
            return !instance.removing() && portId != null && memberId != null;
        }

        boolean gone() {
            return instance.removing() && portId == null && memberId == null;
        }

        boolean changed() {
            return gone() || !Objects.equals(portId, instance.inspectionPortId())
                    || !Objects.equals(mac, instance.macAddress())
                    || !Objects.equals(memberId, instance.managerMemberId()) || ready() != instance.ready();
        }
    }

    /** The capability (as the registry lists it) of plugins that follow inspection ports' health. */
    private static final String HEALTH_CAPABILITY =
            SdnPluginProperties.SUPPORTS_FAILURE_POLICY.substring("osc.sdn.".length());

    private final Database database;
    private final PluginRegistry plugins;
    private final ReconcileQueue queue;

    InstanceRegistration(Database database, PluginRegistry plugins, ReconcileQueue queue) {
        this.database = database;
        this.plugins = plugins;
        this.queue = queue;
    }

    /**
     * Registers and deregisters the spec's instances as they are in the database now.
     *
     * @throws ManagerFailure when the manager (or its plugin) fails, naming the spec and the connector
     * @throws IllegalStateException when the SDN controller fails or a plugin or the device is missing
     */
    Outcome run(long specId, TaskContext ctx) throws ManagerFailure {
        return run(specId, false, ctx);
    }

    /**
     * As {@link #run(long, TaskContext)}, after the platform reported pods whose readiness changed.
     *
     * @param readinessChanged whether a registered instance's pod became ready or not ready since the last run:
     *        the bound groups are reconciled even if the plugin's view of the ports did not change
     */
    Outcome run(long specId, boolean readinessChanged, TaskContext ctx) throws ManagerFailure {
        InstanceSnapshot snap = database.inTransaction(s -> InstanceSnapshot.read(s, specId));
        List<Instance> live = snap.toRegister();
        List<Instance> leaving = snap.toRemove();
        List<Row> rows = snap.instances().stream().map(Row::new).toList();
        boolean sdnNeeded = !live.isEmpty() || leaving.stream().anyMatch(i -> i.inspectionPortId() != null);
        boolean managerNeeded = !live.isEmpty()
                || snap.deviceId() != null && leaving.stream().anyMatch(i -> i.managerMemberId() != null);
        // Every precondition before the first change, so that a missing piece leaves nothing half done.
        SdnControllerApi sdn = sdnNeeded ? plugins.sdnController(snap.controllerType())
                .orElseThrow(() -> new NotReadyException(snap.label() + ": SDN plugin '" + snap.controllerType()
                        + "' is not installed")) : null;
        ApplianceManagerApi manager = managerNeeded ? managerPlugin(snap) : null;
        if (!live.isEmpty() && snap.deviceId() == null) {
            throw new NotReadyException(snap.label() + ": Virtual system " + snap.vsId()
                    + " has no manager device yet; sync distributed appliance '" + snap.daName() + "'");
        }
        AtomicBoolean portsChanged = new AtomicBoolean();
        try {
            if (manager != null) {
                members(snap, manager, rows);
            } else {
                // Leaving instances with a member but no device: the device went, and its members with it.
                rows.stream().filter(r -> r.instance.removing()).forEach(r -> r.memberId = null);
            }
            if (sdn != null) {
                ports(snap, sdn, healthTracked(snap), rows, portsChanged);
            }
        } catch (ManagerFailure | RuntimeException e) {
            // What was done is recorded and the groups told even so; the failure stays the job's reason.
            try {
                wrapUp(snap, rows, portsChanged.get() || readinessChanged, ctx);
            } catch (RuntimeException second) {
                e.addSuppressed(second);
            }
            throw e;
        }
        wrapUp(snap, rows, portsChanged.get() || readinessChanged, ctx);
        return new Outcome(count(rows, Row::ready), count(rows, r -> !r.instance.removing() && !r.ready()),
                count(rows, Row::gone), count(rows, r -> r.instance.removing() && r.portId != null),
                snap.boundGroups());
    }

    /** @return whether the connector's SDN plugin follows inspection ports' health (it supports failure policies) */
    private boolean healthTracked(InstanceSnapshot snap) {
        return plugins.find(snap.controllerType()).map(p -> p.can(HEALTH_CAPABILITY)).orElse(false);
    }

    private static int count(List<Row> rows, Predicate<Row> which) {
        return (int) rows.stream().filter(which).count();
    }

    private ApplianceManagerApi managerPlugin(InstanceSnapshot snap) throws ManagerFailure {
        try {
            return snap.manager().plugin(plugins);
        } catch (ManagerFailure e) {
            throw new ManagerFailure(snap.label() + ": " + e.getMessage(), e);
        }
    }

    /** Members of leaving instances go first: a replacement pod of the same name then gets a member of its own. */
    private void members(InstanceSnapshot snap, ApplianceManagerApi api, List<Row> rows) throws ManagerFailure {
        try (ManagerDeviceApi devices = api.createDeviceApi(snap.manager().element())) {
            DeviceMembers members = new DeviceMembers(devices, snap.deviceId());
            for (Row row : rows) {
                if (row.instance.removing() && row.memberId != null) {
                    members.remove(row.instance, snap.liveMembers());
                    row.memberId = null;
                }
            }
            for (Row row : rows) {
                if (!row.instance.removing() && row.instance.addressed()) {
                    row.memberId = members.ensure(row.instance);
                }
            }
        } catch (ManagerObjectNotFoundException e) {
            throw new ManagerFailure(snap.label() + ": the device of virtual system " + snap.vsId()
                    + " is gone from manager connector '" + snap.manager().connectorName()
                    + "'; sync distributed appliance '" + snap.daName() + "'", e);
        } catch (ManagerException e) {
            throw new ManagerFailure(snap.label() + ": " + snap.manager().failure(e, plugins).getMessage(), e);
        }
    }

    /**
     * Registers the live instances' ports, then removes those of the leaving ones.
     *
     * @param changed set as soon as an inspection port was gained, changed or lost, or belongs to an instance
     *        leaving (also when a later call fails, so that the groups are told of what was done)
     */
    private static void ports(InstanceSnapshot snap, SdnControllerApi sdn, boolean health, List<Row> rows,
            AtomicBoolean changed) {
        try (RedirectionSession session = sdn.openSession(snap.connector())) {
            InspectionPorts ports = new InspectionPorts(session);
            for (Row row : rows) {
                if (!row.instance.removing() && row.instance.addressed()) {
                    InspectionPorts.Registered registered = ports.ensure(row.instance);
                    row.portId = registered.portId();
                    row.mac = registered.macAddress();
                    if (registered.changed()) {
                        changed.set(true);
                    }
                    if (health && row.portId != null && ports.health(row.portId, row.instance.podReady())) {
                        changed.set(true);
                    }
                }
            }
            for (Row row : rows) {
                if (row.instance.removing() && row.portId != null) {
                    // Removed or not, hooks must leave this port: the groups' reconcile moves them.
                    changed.set(true);
                    if (ports.remove(row.portId)) {
                        row.portId = null;
                    } else if (health) {
                        // A hook with no ready VNF to move to stays here: its failure policy applies meanwhile.
                        ports.health(row.portId, false);
                    }
                }
            }
        } catch (SdnException e) {
            throw SdnFailures.of(snap.label(), snap.controllerType(), sdn, snap.connector(), e);
        }
    }

    /** Records the rows (deleting those with nothing left), then has the bound groups follow changed ports. */
    private void wrapUp(InstanceSnapshot snap, List<Row> rows, boolean portsChanged, TaskContext ctx) {
        List<Row> changed = rows.stream().filter(Row::changed).toList();
        if (!changed.isEmpty()) {
            database.run(s -> {
                for (Row row : changed) {
                    DistributedApplianceInstance dai = s.find(DistributedApplianceInstance.class, row.instance.id());
                    if (dai == null) {
                        continue;
                    }
                    if (row.gone()) {
                        s.remove(dai);
                        continue;
                    }
                    dai.setInspectionPortId(row.portId);
                    dai.setMacAddress(row.mac);
                    dai.setManagerMemberId(row.memberId);
                    dai.setInspectionReady(row.ready());
                }
            });
        }
        if (portsChanged && !snap.boundGroups().isEmpty()) {
            // Not added to this task's objects: the group's own jobs are what its last job shows.
            queue.requestAll(ObjectType.SECURITY_GROUP, snap.boundGroups().keySet());
            ctx.status(snap.label() + ": inspection ports changed; reconciling security group(s) "
                    + snap.boundGroups().values().stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")));
        }
    }
}
