package org.osc.server.mc;

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

/** Manager connectors: validation, storage, secrets, and the domains read by the create's job. */
class ManagerConnectorServiceTest {

    @TempDir
    Path dir;

    private ServerFixture server;
    private ManagerConnectorService connectors;

    @BeforeEach
    void start() {
        server = new ServerFixture(dir);
        connectors = new ManagerConnectorService(server.database, server.plugins, server.reconcile);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static ManagerConnectorBody body(String name, String type, String ip, String user, String password) {
        return new ManagerConnectorBody(null, name, type, ip, user, password, null, null, null, null, null);
    }

    @Test
    void createChecksTheManagerAndReadsDomainsWithPolicies() {
        JobStarted started = connectors.create(body("mgr1", ServerFixture.MANAGER, "manager.example", "admin",
                "admin123"));
        server.awaitPassed(started.jobId());

        List<ManagerDomainBody> domains = connectors.domains(started.id());
        assertEquals(List.of("Default Domain", "Lab Domain"), domains.stream().map(ManagerDomainBody::name).toList());
        assertEquals("domain-1", domains.get(0).id());
        assertEquals(List.of("Allow All", "Block Malware", "Inspect Web"),
                domains.get(0).policies().stream().map(ManagerDomainBody.Policy::name).toList());
        assertEquals(List.of(new ManagerDomainBody.Policy("policy-6", "Audit Only")), domains.get(1).policies());

        ManagerConnectorBody view = connectors.get(started.id());
        assertEquals("mgr1", view.name());
        assertEquals("admin", view.username());
        assertNull(view.password(), "the password is write-only");
        assertEquals(started.jobId(), view.lastJobId());
        assertEquals("PASSED", view.lastJobStatus());
        assertEquals(List.of("mgr1"), connectors.list().stream().map(ManagerConnectorBody::name).toList());
    }

    @Test
    void invalidFieldsAreAllNamed() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> connectors.create(body(" ", null, "", null, null)));
        assertEquals(Set.of("name", "managerType", "ipAddress", "username", "password"), ServerFixture.fields(e));
        assertEquals(Set.of("body"), ServerFixture.fields(assertThrows(ValidationException.class,
                () -> connectors.create(null))));
        assertTrue(connectors.list().isEmpty());
    }

    @Test
    void aPasswordLongerThanItsColumnIsRefusedWithoutQuotingIt() {
        String password = "s3cr3t-".repeat(200);
        ValidationException e = assertThrows(ValidationException.class,
                () -> connectors.create(body("mgr1", ServerFixture.MANAGER, "10.0.0.1", "admin", password)));
        assertEquals("password: must be at most 1024 characters", e.getMessage());
        assertTrue(connectors.list().isEmpty());
    }

    @Test
    void managerTypeMustNameAnInstalledManagerPlugin() {
        UnprocessableException missing = assertThrows(UnprocessableException.class,
                () -> connectors.create(body("mgr1", "NoSuchManager", "manager.example", "admin", "admin123")));
        assertEquals(Set.of("managerType"), ServerFixture.fields(missing));
        assertTrue(missing.getMessage().contains("'NoSuchManager' is not installed"), missing.getMessage());
        UnprocessableException sdn = assertThrows(UnprocessableException.class,
                () -> connectors.create(body("mgr1", ServerFixture.SDN, "manager.example", "admin", "admin123")));
        assertTrue(sdn.getMessage().contains("not a security manager"), sdn.getMessage());
    }

    @Test
    void anApiKeyManagerNeedsAnApiKeyNotAPassword() {
        server.addManager("KeyManager", server.manager, "API_KEY");
        ValidationException e = assertThrows(ValidationException.class,
                () -> connectors.create(body("mgr1", "KeyManager", "manager.example", null, "secret")));
        assertEquals(Set.of("apiKey"), ServerFixture.fields(e));
        long id = connectors.create(new ManagerConnectorBody(null, "mgr1", "KeyManager", "manager.example", null,
                null, "key-1", null, null, null, null)).id();
        assertNull(connectors.get(id).apiKey());
    }

    @Test
    void namesAreUnique() {
        connectors.create(body("mgr1", ServerFixture.MANAGER, "manager.example", "admin", "admin123"));
        ConflictException e = assertThrows(ConflictException.class,
                () -> connectors.create(body(" mgr1 ", ServerFixture.MANAGER, "other.example", "admin", "admin123")));
        assertEquals(Set.of("name"), ServerFixture.fields(e));
    }

    @Test
    void updateKeepsThePasswordLeftOutAndReadsAgain() {
        long id = connectors.create(body("mgr1", ServerFixture.MANAGER, "manager.example", "admin", "admin123")).id();
        JobStarted updated = connectors.update(id, body("mgr-one", ServerFixture.MANAGER, "manager2.example", "admin",
                null));
        assertEquals(id, updated.id());
        server.awaitPassed(updated.jobId());
        assertEquals("manager2.example", connectors.get(id).ipAddress());
        assertEquals(2, connectors.domains(id).size());
    }

    @Test
    void unknownIdsAre404() {
        ManagerConnectorBody body = body("mgr1", ServerFixture.MANAGER, "manager.example", "admin", "admin123");
        assertThrows(NotFoundException.class, () -> connectors.get(99));
        assertThrows(NotFoundException.class, () -> connectors.update(99, body));
        assertThrows(NotFoundException.class, () -> connectors.delete(99));
        assertThrows(NotFoundException.class, () -> connectors.sync(99));
        assertThrows(NotFoundException.class, () -> connectors.domains(99));
    }

    @Test
    void deleteRemovesTheConnectorWithItsDomains() {
        JobStarted started = connectors.create(body("mgr1", ServerFixture.MANAGER, "manager.example", "admin",
                "admin123"));
        server.awaitPassed(started.jobId());
        connectors.delete(started.id());
        assertThrows(NotFoundException.class, () -> connectors.get(started.id()));
        long domains = server.database.inTransaction(s -> s.createSelectionQuery("select count(d) from ManagerDomain d",
                Long.class).getSingleResult());
        assertEquals(0, domains);
    }
}
