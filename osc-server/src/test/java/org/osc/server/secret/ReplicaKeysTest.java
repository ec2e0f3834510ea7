package org.osc.server.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.error.ConflictException;
import org.osc.server.error.ValidationException;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;

/**
 * The key ring across replicas on H2 and PostgreSQL: each replica records the key ids it holds, they agree on the
 * active key through the database, and a rotation that would leave a running replica unable to read is refused
 * (409 naming it) and changes nothing. The other replica is its record in the table, as it would write it.
 */
class ReplicaKeysTest {

    @TempDir
    Path dir;

    private Database database;
    private final KeyRing first = KeyRing.generate();
    private final KeyRing second = KeyRing.generate();
    private Path file;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aRotationToAKeyARunningReplicaLacksIsRefusedUntilItHoldsIt(String kind) throws Exception {
        SecretKeyService a = replicaA(kind, ring(first, second));
        assertEquals(first.activeId(), AtRest.cipher().ring().activeId(), "the database named the first key");
        long mc = managerConnector("password-1");
        other("replica-b", first.activeId());

        ConflictException refused = assertThrows(ConflictException.class, () -> a.rotate(second.activeId()));
        assertTrue(refused.getMessage().contains("replica-b"), refused.getMessage());
        assertTrue(refused.getMessage().contains("do not hold the key " + second.activeId()), refused.getMessage());
        assertEquals(Map.of(first.activeId(), 1), counts(), "nothing re-encrypted");
        assertEquals(Optional.of(first.activeId()), active());
        assertFalse(use(a, second.activeId()).onEveryReplica());

        other("replica-b", first.activeId(), second.activeId());
        assertTrue(use(a, second.activeId()).onEveryReplica());
        SecretKeyService.Rotation rotation = a.rotate(second.activeId());
        assertEquals(second.activeId(), rotation.activeKeyId());
        assertEquals(first.activeId(), rotation.previousKeyId());
        assertEquals(1, rotation.reEncrypted());
        assertEquals(Map.of(second.activeId(), 1), counts());
        assertEquals(Optional.of(second.activeId()), active(), "every replica encrypts under it from now on");
        assertEquals(ring(first, second).ids(), KeyFile.read(file).ids(), "the key file is not written");
        assertEquals("password-1", database.read(s -> s.find(ManagerConnector.class, mc).getPassword()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aNewKeyIsRefusedWhileAnotherReplicaRunsNotAfterItIsGone(String kind) throws Exception {
        SecretKeyService a = replicaA(kind, first);
        managerConnector("password-1");
        other("replica-b", first.activeId());
        String before = Files.readString(file);
        ConflictException refused = assertThrows(ConflictException.class, a::rotate);
        assertTrue(refused.getMessage().startsWith("1 other replica(s) use this database (replica-b)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("oscctl rotate-key --key-id"), refused.getMessage());
        assertEquals(before, Files.readString(file), "no key added");

        // replica-b stopped without removing its record: after its silence it no longer counts
        sql("UPDATE secret_key_holder SET seen_at = TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00' "
                + "WHERE replica = 'replica-b'");
        assertFalse(a.status().replicas().stream().filter(r -> r.name().equals("replica-b")).findFirst()
                .orElseThrow().live());
        SecretKeyService.Rotation rotation = a.rotate();
        assertEquals(Map.of(rotation.activeKeyId(), 1), counts());
        assertEquals(rotation.activeKeyId(), KeyFile.read(file).activeId());
        assertEquals(Optional.of(rotation.activeKeyId()), active());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aKeyIdThatIsNoneIsA400AndAKeyOutsideTheFileA409(String kind) throws Exception {
        SecretKeyService a = replicaA(kind, first);
        ValidationException malformed = assertThrows(ValidationException.class, () -> a.rotate("../../etc"));
        assertEquals("keyId", malformed.errors().get(0).field());
        ConflictException missing = assertThrows(ConflictException.class, () -> a.rotate(second.activeId()));
        assertTrue(missing.getMessage().contains("is not in this replica's key file"), missing.getMessage());
        assertEquals("keyId", missing.errors().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aReplicaTakesTheActiveKeyTheDatabaseNamesWhateverItsFileSays(String kind) throws Exception {
        // the file lists the second key last, but the database already names the first one
        SecretKeyService a = replicaA(kind, ring(first, second));
        assertEquals(first.activeId(), AtRest.cipher().ring().activeId());
        // another replica rotated to the second key
        database.run(s -> s.doWork(c -> KeyHolders.setActive(c, second.activeId())));
        a.replicas().poll();
        assertEquals(second.activeId(), AtRest.cipher().ring().activeId());
        managerConnector("password-2");
        assertEquals(Map.of(second.activeId(), 1), counts());
        SecretKeyService.Replica self = a.status().replicas().stream().filter(r -> r.name().equals("replica-a"))
                .findFirst().orElseThrow();
        assertEquals(second.activeId(), self.activeKeyId());
        assertTrue(self.live());
    }

    /** Replica A on a fresh database whose active key is the first, with the given key file. */
    private SecretKeyService replicaA(String kind, KeyRing fileRing) throws Exception {
        database = TestDatabases.open(kind, dir);
        database.run(s -> s.doWork(c -> KeyHolders.setActive(c, first.activeId())));
        file = dir.resolve("secret-keys");
        KeyFile.write(file, fileRing);
        AtRest.install(new AtRest.KeyState(file, true, false, new SecretCipher(KeyFile.read(file))));
        SecretKeyService service = SecretKeyService.unstarted(database, "replica-a");
        service.start();
        return service;
    }

    private void other(String replica, String... keyIds) {
        database.run(s -> s.doWork(c -> KeyHolders.record(c, replica, List.of(keyIds), keyIds[0])));
    }

    private static SecretKeyService.KeyUse use(SecretKeyService service, String id) {
        return service.status().keys().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }

    private Optional<String> active() {
        return database.read(s -> s.doReturningWork(KeyHolders::active));
    }

    private Map<String, Integer> counts() {
        return database.read(s -> s.doReturningWork(SecretRows::countByKey));
    }

    private void sql(String statement) {
        database.run(s -> s.doWork(c -> {
            try (var st = c.createStatement()) {
                st.execute(statement);
            }
        }));
    }

    private long managerConnector(String password) {
        return database.inTransaction(s -> {
            ManagerConnector mc = new ManagerConnector();
            mc.setName("mc-" + System.nanoTime());
            mc.setManagerType("Sample");
            mc.setIpAddress("10.0.0.1");
            mc.setUsername("admin");
            mc.setPassword(password);
            s.persist(mc);
            return mc.getId();
        });
    }

    private static KeyRing ring(KeyRing... rings) {
        List<byte[]> keys = new ArrayList<>();
        for (KeyRing ring : rings) {
            ring.rawKeys().forEach(keys::add);
        }
        return KeyRing.of(keys);
    }
}
