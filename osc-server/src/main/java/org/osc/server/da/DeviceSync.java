package org.osc.server.da;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hibernate.Session;
import org.osc.api.manager.ManagerDeviceApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.element.DeviceElement;
import org.osc.api.manager.element.DeviceSpec;
import org.osc.server.domain.DistributedAppliance;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.job.TaskContext;
import org.osc.server.mc.ManagerFailure;
import org.osc.server.mc.ManagerTarget;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.TerminalException;

/**
 * Keeps one manager device per virtual system of a distributed appliance: creates a missing one (also when
 * deleted on the manager behind OSC's back), updates one that drifted, deletes those of virtual systems being
 * removed, and stores each device's id. Reads the database when it runs and keeps no transaction open while
 * the manager answers.
 */
final class DeviceSync {

    /** The appliance as the task found it. */
    private record Desired(String name, ManagerTarget manager, List<Vs> systems) {
    }

    /** One virtual system: its device key and name, and whether it is going away. */
    private record Vs(long id, String vcName, String domainId, String deviceId, boolean removing) {

        String key() {
            return Long.toString(id);
        }
    }

    private final Database database;
    private final PluginRegistry plugins;

    DeviceSync(Database database, PluginRegistry plugins) {
        this.database = database;
        this.plugins = plugins;
    }

    /**
     * Brings the devices of one distributed appliance in step.
     *
     * @throws ManagerFailure naming the connector (and virtual system) the manager failed for
     * @throws IllegalStateException when the appliance no longer exists
     */
    void run(long id, TaskContext ctx) throws ManagerFailure {
        Desired desired = database.inTransaction(s -> read(s, id));
        ManagerTarget manager = desired.manager();
        List<ManagerFailure> failures = new ArrayList<>();
        try (ManagerDeviceApi devices = manager.plugin(plugins).createDeviceApi(manager.element())) {
            List<DeviceElement> listed = null;
            for (Vs vs : desired.systems()) {
                try {
                    String deviceId;
                    if (vs.removing()) {
                        listed = listed == null ? devices.listDevices() : listed;
                        remove(devices, listed, vs);
                        deviceId = null;
                    } else {
                        deviceId = ensure(devices, desired.name(), vs);
                    }
                    if (!Objects.equals(deviceId, vs.deviceId())) {
                        database.run(s -> storeDeviceId(s, vs.id(), deviceId));
                    }
                    ctx.addObject(ObjectType.VIRTUAL_SYSTEM.ref(vs.id()));
                } catch (ManagerException e) {
                    // The other virtual systems may still be fine; try them all, then report.
                    failures.add(new ManagerFailure("Distributed appliance '" + desired.name() + "' on '"
                            + vs.vcName() + "': " + manager.failure(e, plugins).getMessage(), e));
                }
            }
        } catch (ManagerException e) {
            throw manager.failure(e, plugins);
        }
        if (!failures.isEmpty()) {
            String more = failures.size() == 1 ? "" : " (and " + (failures.size() - 1) + " more virtual system(s))";
            throw new ManagerFailure(failures.get(0).getMessage() + more, failures.get(0).getCause());
        }
        ctx.status("Devices of '" + desired.name() + "' match its " + desired.systems().size()
                + " virtual system(s)");
    }

    private static Desired read(Session session, long id) {
        DistributedAppliance da = session.find(DistributedAppliance.class, id);
        if (da == null) {
            throw new TerminalException("Distributed appliance " + id + " no longer exists");
        }
        List<Vs> systems = new ArrayList<>();
        for (VirtualSystem vs : da.getVirtualSystems()) {
            systems.add(new Vs(vs.getId(), vs.getVirtualizationConnector().getName(), vs.getDomainId(),
                    vs.getManagerDeviceId(), da.isMarkedForDeletion() || vs.isMarkedForDeletion()));
        }
        return new Desired(da.getName(), ManagerTarget.of(da.getManagerConnector()), systems);
    }

    /** @return the id of the device that now matches the virtual system */
    private static String ensure(ManagerDeviceApi devices, String daName, Vs vs) throws ManagerException {
        DeviceSpec wanted = new DeviceSpec(daName + "-" + vs.vcName(), vs.key(), vs.domainId());
        DeviceElement device = null;
        if (vs.deviceId() != null) {
            device = devices.getDevice(vs.deviceId()).filter(d -> d.virtualSystemId().equals(vs.key())).orElse(null);
        }
        if (device == null) {
            // Keyed by the virtual system: returns the existing device if one was made but its id never stored.
            device = devices.createDevice(wanted);
        }
        if (!device.toSpec().equals(wanted)) {
            device = devices.updateDevice(device.id(), wanted);
        }
        return device.id();
    }

    private static void remove(ManagerDeviceApi devices, List<DeviceElement> listed, Vs vs)
            throws ManagerException {
        boolean storedListed = false;
        for (DeviceElement device : listed) {
            if (device.virtualSystemId().equals(vs.key())) {
                devices.deleteDevice(device.id());
                storedListed |= device.id().equals(vs.deviceId());
            }
        }
        if (vs.deviceId() != null && !storedListed) {
            devices.deleteDevice(vs.deviceId());
        }
    }

    private static void storeDeviceId(Session session, long vsId, String deviceId) {
        VirtualSystem vs = session.find(VirtualSystem.class, vsId);
        if (vs != null) {
            vs.setManagerDeviceId(deviceId);
        }
    }
}
