package org.osc.server.da;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.sample.manager.SampleViews.DeviceView;
import org.osc.server.error.NotFoundException;
import org.osc.server.job.JobRecord;
import org.osc.server.mc.JobStarted;
import org.osc.server.mc.ManagerConnectorBody;
import org.osc.server.mc.ServerFixture;

/** The distributed appliance's reconcile against the real sample manager: devices follow the virtual systems. */
class DistributedApplianceReconcilerTest {

    @TempDir
    Path dir;

    private DaSetup setup;
    private DistributedApplianceService appliances;

    @BeforeEach
    void start() {
        setup = new DaSetup(dir);
        appliances = setup.appliances;
    }

    @AfterEach
    void stop() {
        setup.close();
    }

    private Map<String, DeviceView> devicesByVirtualSystem() {
        return setup.server.manager.devices().stream().collect(Collectors.toMap(DeviceView::virtualSystemId, d -> d));
    }

    @Test
    void createMakesOneDevicePerVirtualSystem() {
        DistributedApplianceBody da = setup.createPassed("da1");
        Map<String, DeviceView> devices = devicesByVirtualSystem();
        assertEquals(2, devices.size());
        for (DistributedApplianceBody.VirtualSystemBody vs : da.virtualSystems()) {
            DeviceView device = devices.get(vs.id().toString());
            assertEquals(vs.managerDeviceId(), device.id(), "the device id is stored");
            assertEquals(vs.domainId(), device.domainId());
        }
        assertEquals("da1-vc1", devices.get(da.virtualSystems().get(0).id().toString()).name());
    }

    @Test
    void reconcilingAgainChangesNothing() {
        DistributedApplianceBody da = setup.createPassed("da1");
        long changes = setup.server.managerChanges();
        setup.server.awaitPassed(appliances.sync(da.id()));
        setup.server.awaitPassed(appliances.sync(da.id()));
        assertEquals(changes, setup.server.managerChanges(), "a sync of an unchanged appliance changes nothing");
        assertEquals(da.virtualSystems(), appliances.get(da.id()).virtualSystems());
    }

    @Test
    void syncRestoresADeviceDeletedOnTheManager() throws Exception {
        DistributedApplianceBody da = setup.createPassed("da1");
        DistributedApplianceBody.VirtualSystemBody vs = da.virtualSystems().get(0);
        assertTrue(setup.server.manager.removeDevice(vs.managerDeviceId()));

        setup.server.awaitPassed(appliances.sync(da.id()));
        DeviceView restored = devicesByVirtualSystem().get(vs.id().toString());
        assertEquals("da1-vc1", restored.name());
        assertNotEquals(vs.managerDeviceId(), restored.id(), "the manager made a new device");
        assertEquals(restored.id(), appliances.get(da.id()).virtualSystems().get(0).managerDeviceId());
    }

    @Test
    void putRenamesDevicesAddsAndRemovesVirtualSystems() {
        DistributedApplianceBody da = setup.createPassed("da1");
        long removedVs = da.virtualSystems().get(0).id();
        long keptVs = da.virtualSystems().get(1).id();
        JobStarted updated = appliances.update(da.id(), setup.body("da-renamed",
                DaSetup.vs(setup.vc2, "domain-1", "VXLAN")));
        setup.server.awaitPassed(updated.jobId());

        DistributedApplianceBody after = appliances.get(da.id());
        assertEquals(List.of(keptVs), after.virtualSystems().stream()
                .map(DistributedApplianceBody.VirtualSystemBody::id).toList());
        Map<String, DeviceView> devices = devicesByVirtualSystem();
        assertEquals(1, devices.size());
        DeviceView device = devices.get(Long.toString(keptVs));
        assertEquals("da-renamed-vc2", device.name());
        assertEquals("domain-1", device.domainId());
        assertTrue(!devices.containsKey(Long.toString(removedVs)));

        JobStarted readded = appliances.update(da.id(), setup.body("da-renamed",
                DaSetup.vs(setup.vc2, "domain-1", "VXLAN"), DaSetup.vs(setup.vc1, "domain-5", null)));
        setup.server.awaitPassed(readded.jobId());
        assertEquals(2, devicesByVirtualSystem().size());
    }

    @Test
    void deleteRemovesTheDevicesThenTheRows() {
        DistributedApplianceBody da = setup.createPassed("da1");
        long jobId = appliances.delete(da.id());
        JobRecord job = setup.server.awaitPassed(jobId);
        assertTrue(job.name().startsWith("Delete distributed appliance 'da1'"), job.name());
        assertTrue(setup.server.manager.devices().isEmpty());
        assertThrows(NotFoundException.class, () -> appliances.get(da.id()));
        setup.connectors.delete(setup.mcId);
    }

    @Test
    void refusedCredentialsFailTheJobNamingTheConnector() {
        DistributedApplianceBody da = setup.createPassed("da1");
        setup.server.await(setup.connectors.update(setup.mcId, new ManagerConnectorBody(null, "mgr1",
                ServerFixture.MANAGER, "manager.example", "admin", "not-the-password", null, null, null, null, null))
                .jobId());
        JobRecord job = setup.server.await(appliances.sync(da.id()));
        assertEquals("FAILED", String.valueOf(job.status()));
        assertTrue(job.failureReason().contains("Manager connector 'mgr1': manager rejected the credentials"),
                job.failureReason());
        assertEquals("FAILED", appliances.get(da.id()).lastJobStatus());
    }

    @Test
    void anUnreachableManagerFailsTheDeleteAndKeepsTheRows() {
        DistributedApplianceBody da = setup.createPassed("da1");
        setup.server.await(setup.connectors.update(setup.mcId, new ManagerConnectorBody(null, "mgr1",
                ServerFixture.MANAGER, "manager.invalid", "admin", null, null, null, null, null, null)).jobId());
        JobRecord job = setup.server.await(appliances.delete(da.id()));
        assertEquals("FAILED", String.valueOf(job.status()));
        assertTrue(job.failureReason().contains("Manager connector 'mgr1': manager unreachable"), job.failureReason());
        assertTrue(appliances.get(da.id()).markedForDeletion(), "kept, marked, until a sync can clean the manager");
        assertEquals(2, setup.server.manager.devices().size());
    }
}
