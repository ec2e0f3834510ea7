package org.osc.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.UnprocessableException;
import org.osc.server.error.ValidationException;
import org.osc.server.mc.ServerFixture;

/** The catalog on H2: appliances and versions, their validation, uniqueness and 404s. */
class CatalogServiceTest {

    @TempDir
    Path dir;

    private ServerFixture server;
    private CatalogService catalog;

    @BeforeEach
    void start() {
        server = new ServerFixture(dir);
        catalog = new CatalogService(server.database, server.plugins);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static SoftwareVersionBody version(String swVersion, String image, SoftwareVersionBody.Resources resources) {
        return new SoftwareVersionBody(null, null, swVersion, "KUBERNETES", "1.30", image, "pull-secret", resources);
    }

    @Test
    void appliancesAndVersionsAreStoredAndShown() {
        long id = catalog.create(new ApplianceBody(null, "vnf-x", ServerFixture.MANAGER, "1.0"));
        SoftwareVersionBody.Resources resources = new SoftwareVersionBody.Resources("250m", "128Mi", "1", "256Mi");
        long v1 = catalog.addVersion(id, version("1.0", "registry.example.com:5000/sec/vnf:1.0", resources));
        long v2 = catalog.addVersion(id, new SoftwareVersionBody(null, null, "2.0", null, "1.31", "vnf", null, null));

        assertEquals(new ApplianceBody(id, "vnf-x", ServerFixture.MANAGER, "1.0"), catalog.get(id));
        assertEquals(List.of(catalog.get(id)), catalog.list());
        assertEquals(new SoftwareVersionBody(v1, id, "1.0", "KUBERNETES", "1.30",
                "registry.example.com:5000/sec/vnf:1.0", "pull-secret", resources), catalog.version(id, v1));
        SoftwareVersionBody second = catalog.version(id, v2);
        assertEquals("KUBERNETES", second.virtualizationType(), "the type defaults to KUBERNETES");
        assertNull(second.resources());
        assertEquals(List.of(v1, v2), catalog.versions(id).stream().map(SoftwareVersionBody::id).toList());
    }

    @Test
    void applianceFieldsAreRequiredAndTheManagerTypeInstalled() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> catalog.create(new ApplianceBody(null, "", null, " ")));
        assertEquals(Set.of("model", "managerType", "managerVersion"), ServerFixture.fields(e));
        UnprocessableException missing = assertThrows(UnprocessableException.class,
                () -> catalog.create(new ApplianceBody(null, "vnf-x", "NoSuchManager", "1.0")));
        assertEquals(Set.of("managerType"), ServerFixture.fields(missing));
        assertThrows(UnprocessableException.class,
                () -> catalog.create(new ApplianceBody(null, "vnf-x", ServerFixture.SDN, "1.0")));
    }

    @Test
    void modelsAndVersionsAreUnique() {
        long id = catalog.create(new ApplianceBody(null, "vnf-x", ServerFixture.MANAGER, "1.0"));
        assertEquals(Set.of("model"), ServerFixture.fields(assertThrows(ConflictException.class,
                () -> catalog.create(new ApplianceBody(null, "vnf-x", ServerFixture.MANAGER, "2.0")))));
        catalog.addVersion(id, version("1.0", "vnf:1.0", null));
        assertEquals(Set.of("swVersion"), ServerFixture.fields(assertThrows(ConflictException.class,
                () -> catalog.addVersion(id, version("1.0", "vnf:1.1", null)))));
    }

    @Test
    void versionFieldsAreValidated() {
        long id = catalog.create(new ApplianceBody(null, "vnf-x", ServerFixture.MANAGER, "1.0"));
        ValidationException e = assertThrows(ValidationException.class, () -> catalog.addVersion(id,
                new SoftwareVersionBody(null, null, null, "OPENSTACK", "", "https://registry/vnf", "Bad_Secret",
                        new SoftwareVersionBody.Resources("-1", "12MB", "0.5", "1Gi"))));
        assertEquals(Set.of("swVersion", "virtualizationType", "virtualizationVersion", "imageUrl",
                "imagePullSecretName", "resources.cpuRequest", "resources.memoryRequest"), ServerFixture.fields(e));
        ValidationException limits = assertThrows(ValidationException.class, () -> catalog.addVersion(id,
                version("1.0", "vnf", new SoftwareVersionBody.Resources("1", "1Gi", "500m", "512Mi"))));
        assertEquals(Set.of("resources.cpuLimit", "resources.memoryLimit"), ServerFixture.fields(limits));
        assertTrue(catalog.versions(id).isEmpty());
    }

    @Test
    void unknownIdsAre404() {
        long id = catalog.create(new ApplianceBody(null, "vnf-x", ServerFixture.MANAGER, "1.0"));
        long other = catalog.create(new ApplianceBody(null, "vnf-y", ServerFixture.MANAGER, "1.0"));
        long version = catalog.addVersion(other, version("1.0", "vnf", null));
        assertThrows(NotFoundException.class, () -> catalog.get(99));
        assertThrows(NotFoundException.class, () -> catalog.delete(99));
        assertThrows(NotFoundException.class, () -> catalog.versions(99));
        assertThrows(NotFoundException.class, () -> catalog.addVersion(99, version("1.0", "vnf", null)));
        assertThrows(NotFoundException.class, () -> catalog.version(id, version), "a version of another appliance");
        assertThrows(NotFoundException.class, () -> catalog.deleteVersion(id, version));
    }

    @Test
    void deletesRemoveVersionsAndAppliances() {
        long id = catalog.create(new ApplianceBody(null, "vnf-x", ServerFixture.MANAGER, "1.0"));
        long v1 = catalog.addVersion(id, version("1.0", "vnf", null));
        long v2 = catalog.addVersion(id, version("2.0", "vnf", null));
        catalog.deleteVersion(id, v1);
        assertEquals(List.of(v2), catalog.versions(id).stream().map(SoftwareVersionBody::id).toList());
        catalog.delete(id);
        assertThrows(NotFoundException.class, () -> catalog.get(id));
        long left = server.database.inTransaction(s -> s.createSelectionQuery(
                "select count(v) from ApplianceSoftwareVersion v", Long.class).getSingleResult());
        assertEquals(0, left);
    }
}
