package org.osc.server.da;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.catalog.ApplianceBody;
import org.osc.server.catalog.SoftwareVersionBody;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.UnprocessableException;
import org.osc.server.error.ValidationException;
import org.osc.server.mc.ManagerConnectorBody;
import org.osc.server.mc.ServerFixture;

/** Distributed appliances: validation of every field and reference, conflicts, 404s, and what they block. */
class DistributedApplianceServiceTest {

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

    @Test
    void createGivesEveryVirtualSystemAnId() {
        DistributedApplianceBody da = setup.createPassed("da1");
        assertEquals("da1", da.name());
        assertEquals(setup.mcId, da.managerConnectorId());
        assertEquals(setup.versionId, da.applianceSoftwareVersionId());
        assertEquals(List.of(setup.vc1, setup.vc2), da.virtualSystems().stream()
                .map(DistributedApplianceBody.VirtualSystemBody::vcId).toList());
        da.virtualSystems().forEach(vs -> assertNotNull(vs.id()));
        assertEquals("VLAN", da.virtualSystems().get(0).encapsulationType());
        assertFalse(da.markedForDeletion());
        assertEquals("PASSED", da.lastJobStatus());
        assertEquals(List.of(da), appliances.list());
    }

    @Test
    void missingFieldsAreAllNamed() {
        ValidationException e = assertThrows(ValidationException.class, () -> appliances.create(
                new DistributedApplianceBody(null, "", null, null, List.of(), null, null, null, null, null)));
        assertEquals(Set.of("name", "managerConnectorId", "applianceSoftwareVersionId", "virtualSystems"),
                ServerFixture.fields(e));
        ValidationException vs = assertThrows(ValidationException.class, () -> appliances.create(
                setup.body("da1", DaSetup.vs(null, null, null))));
        assertEquals(Set.of("virtualSystems[0].vcId", "virtualSystems[0].domainId"), ServerFixture.fields(vs));
    }

    @Test
    void referencesToNothingAre400NamingTheField() {
        ValidationException e = assertThrows(ValidationException.class, () -> appliances.create(
                new DistributedApplianceBody(null, "da1", 99L, 98L, List.of(DaSetup.vs(97L, "domain-1", null)), null,
                        null, null, null, null)));
        assertEquals(Set.of("managerConnectorId", "applianceSoftwareVersionId", "virtualSystems[0].vcId"),
                ServerFixture.fields(e));
        ValidationException domain = assertThrows(ValidationException.class, () -> appliances.create(
                setup.body("da1", DaSetup.vs(setup.vc1, "domain-404", null))));
        assertEquals(Set.of("virtualSystems[0].domainId"), ServerFixture.fields(domain));
        assertTrue(domain.getMessage().contains("manager connector 'mgr1' has no domain 'domain-404'"));
    }

    @Test
    void virtualSystemsAreOnePerConnectorWithAKnownEncapsulation() {
        ValidationException e = assertThrows(ValidationException.class, () -> appliances.create(setup.body("da1",
                DaSetup.vs(setup.vc1, "domain-1", "GRE"), DaSetup.vs(setup.vc1, "domain-1", null))));
        assertEquals(Set.of("virtualSystems[0].encapsulationType", "virtualSystems[1].vcId"), ServerFixture.fields(e));
        ValidationException id = assertThrows(ValidationException.class, () -> appliances.create(setup.body("da1",
                new DistributedApplianceBody.VirtualSystemBody(5L, setup.vc1, "domain-1", null, null, null))));
        assertEquals(Set.of("virtualSystems[0].id"), ServerFixture.fields(id));
    }

    @Test
    void theVersionMustBeForTheConnectorsManagerType() {
        setup.server.addManager("OtherManager", setup.server.manager, "PASSWORD");
        long other = setup.catalog.create(new ApplianceBody(null, "vnf-other", "OtherManager", "1.0"));
        long version = setup.catalog.addVersion(other, new SoftwareVersionBody(null, null, "1.0", null, "1.30", "vnf",
                null, null));
        ValidationException e = assertThrows(ValidationException.class, () -> appliances.create(
                new DistributedApplianceBody(null, "da1", setup.mcId, version,
                        List.of(DaSetup.vs(setup.vc1, "domain-1", null)), null, null, null, null, null)));
        assertEquals(Set.of("applianceSoftwareVersionId"), ServerFixture.fields(e));
    }

    @Test
    void anEncapsulationTheSdnPluginLacksIs422() {
        UnprocessableException e = assertThrows(UnprocessableException.class, () -> appliances.create(
                setup.body("da1", DaSetup.vs(setup.vc1, "domain-1", "VXLAN"), DaSetup.vs(setup.vc2, "domain-1",
                        "MPLS"))));
        assertEquals(Set.of("virtualSystems[1].encapsulationType"), ServerFixture.fields(e));
        assertTrue(e.getMessage().contains("does not support encapsulation MPLS (supported: VLAN, VXLAN)"),
                e.getMessage());
        assertTrue(appliances.list().isEmpty());
    }

    @Test
    void aMissingManagerPluginIs422() {
        setup.server.removeManager(ServerFixture.MANAGER);
        UnprocessableException e = assertThrows(UnprocessableException.class, () -> appliances.create(
                setup.body("da1", DaSetup.vs(setup.vc1, "domain-1", null))));
        assertEquals(Set.of("managerConnectorId"), ServerFixture.fields(e));
    }

    @Test
    void namesAreUniqueAndTheManagerConnectorFixed() {
        DistributedApplianceBody da = setup.createPassed("da1");
        assertEquals(Set.of("name"), ServerFixture.fields(assertThrows(ConflictException.class,
                () -> appliances.create(setup.body("da1", DaSetup.vs(setup.vc1, "domain-1", null))))));
        long mc2 = setup.connectors.create(new ManagerConnectorBody(null, "mgr2", ServerFixture.MANAGER,
                "manager2.example", "admin", "admin123", null, null, null, null, null)).id();
        ValidationException e = assertThrows(ValidationException.class, () -> appliances.update(da.id(),
                new DistributedApplianceBody(null, "da1", mc2, setup.versionId, da.virtualSystems(), null, null, null,
                        null, null)));
        assertTrue(ServerFixture.fields(e).contains("managerConnectorId"));
    }

    @Test
    void unknownIdsAre404() {
        assertThrows(NotFoundException.class, () -> appliances.get(99));
        assertThrows(NotFoundException.class, () -> appliances.update(99, setup.body("x", DaSetup.vs(setup.vc1,
                "domain-1", null))));
        assertThrows(NotFoundException.class, () -> appliances.delete(99));
        assertThrows(NotFoundException.class, () -> appliances.forceDelete(99));
        assertThrows(NotFoundException.class, () -> appliances.sync(99));
    }

    @Test
    void whatAnApplianceUsesCannotBeDeletedOrRetyped() {
        setup.createPassed("da1");
        assertThrows(ConflictException.class, () -> setup.connectors.delete(setup.mcId));
        assertThrows(ConflictException.class, () -> setup.catalog.delete(setup.applianceId));
        assertThrows(ConflictException.class, () -> setup.catalog.deleteVersion(setup.applianceId, setup.versionId));
        setup.server.addManager("OtherManager", setup.server.manager, "PASSWORD");
        ConflictException retype = assertThrows(ConflictException.class, () -> setup.connectors.update(setup.mcId,
                new ManagerConnectorBody(null, "mgr1", "OtherManager", "manager.example", "admin", null, null, null,
                        null, null, null)));
        assertEquals(Set.of("managerType"), ServerFixture.fields(retype));
    }

    @Test
    void deploymentSpecsBlockDeletesAndRemovingTheirVirtualSystem() {
        DistributedApplianceBody da = setup.createPassed("da1");
        long vsId = da.virtualSystems().get(0).id();
        setup.specs.create(vsId, new DeploymentSpecBody(null, null, "web", "default", 1, null, null, null, null, null));
        ConflictException delete = assertThrows(ConflictException.class, () -> appliances.delete(da.id()));
        assertTrue(delete.getMessage().contains("1 deployment spec(s)"), delete.getMessage());
        assertThrows(ConflictException.class, () -> appliances.update(da.id(), setup.body("da1",
                DaSetup.vs(setup.vc2, "domain-5", null))));
        assertFalse(appliances.get(da.id()).markedForDeletion());
    }

    @Test
    void forceDeleteRemovesEverythingButLeavesTheManagerAlone() {
        DistributedApplianceBody da = setup.createPassed("da1");
        long vsId = da.virtualSystems().get(0).id();
        setup.specs.create(vsId, new DeploymentSpecBody(null, null, "web", "default", 1, null, null, null, null, null));
        appliances.forceDelete(da.id());
        assertThrows(NotFoundException.class, () -> appliances.get(da.id()));
        assertThrows(NotFoundException.class, () -> setup.specs.list(vsId));
        assertEquals(2, setup.server.manager.devices().size(), "force never calls the manager");
        setup.connectors.delete(setup.mcId);
    }
}
