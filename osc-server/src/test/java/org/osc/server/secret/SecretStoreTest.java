package org.osc.server.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.domain.Columns;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;

/**
 * Secrets at rest on H2 and PostgreSQL: what the tables hold (never a secret in plaintext), the start-up step
 * (the key check, the first key file, old plaintext encrypted once), the rotation and a corrupted value.
 */
class SecretStoreTest {

    private static final String PASSWORD = "mc-password-31337";
    private static final String API_KEY = "mc-api-key-31337";
    private static final String KUBECONFIG = "apiVersion: v1\nusers:\n- user: {token: kubeconfig-token-31337}\n";
    private static final String TOKEN = "bearer-token-31337";
    private static final String CONTROLLER_SECRET = "controller-password-31337";
    private static final List<String> SECRETS = List.of(PASSWORD, API_KEY, KUBECONFIG, TOKEN, CONTROLLER_SECRET);

    @TempDir
    Path dir;

    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void everySecretIsStoredEncryptedAndReadsBackAsGiven(String kind) {
        keys(KeyRing.generate(), false);
        open(kind);
        long mc = managerConnector(PASSWORD, null);
        long mcKey = managerConnector(null, API_KEY);
        long vc = virtualizationConnector(KUBECONFIG, null);
        long vcToken = virtualizationConnector(null, TOKEN);

        List<String> everything = allText();
        for (String secret : SECRETS) {
            assertTrue(everything.stream().noneMatch(v -> v.contains(secret)), secret + " is in plaintext");
        }
        String active = AtRest.cipher().ring().activeId();
        assertEquals(Map.of(active, 6), counts());

        database.read(s -> {
            assertEquals(PASSWORD, s.find(ManagerConnector.class, mc).getPassword());
            assertEquals(API_KEY, s.find(ManagerConnector.class, mcKey).getApiKey());
            VirtualizationConnector connector = s.find(VirtualizationConnector.class, vc);
            assertEquals(KUBECONFIG, connector.getKubeconfig());
            assertEquals(Map.of("apiPassword", CONTROLLER_SECRET), connector.getControllerSecrets());
            assertEquals(Map.of("apiUrl", "https://sdn.example:8443"), connector.getControllerAttributes());
            assertEquals(TOKEN, s.find(VirtualizationConnector.class, vcToken).getToken());
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void theLargestSecretsTheApiTakesFitTheirColumnsEncrypted(String kind) {
        keys(KeyRing.generate(), false);
        open(kind);
        // 3 UTF-8 bytes a character: the worst case for the column's size
        String kubeconfig = "€".repeat(Columns.DOCUMENT);
        String password = "€".repeat(Columns.PASSWORD);
        long vc = virtualizationConnector(kubeconfig, null);
        long mc = managerConnector(password, null);
        database.read(s -> {
            assertEquals(kubeconfig, s.find(VirtualizationConnector.class, vc).getKubeconfig());
            assertEquals(password, s.find(ManagerConnector.class, mc).getPassword());
            return null;
        });
        assertEquals(Columns.PASSWORD_SEALED, size("manager_connector", "password"));
        assertEquals(Columns.API_KEY_SEALED, size("manager_connector", "api_key"));
        assertEquals(Columns.TOKEN_SEALED, size("virtualization_connector", "token"));
        assertEquals(Columns.KUBECONFIG_SEALED, size("virtualization_connector", "kubeconfig"));
        assertEquals(Columns.SECRET_ATTRIBUTE_VALUE, size("vc_controller_secret", "secret_value"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void theFirstStartWritesTheKeyFileAndEncryptsPlaintextOfOldOnce(String kind) throws Exception {
        Path file = dir.resolve("data").resolve(AtRest.DEFAULT_KEY_FILE);
        AtRest.prepare(dir.resolve("data"), java.util.Optional.empty());
        assertTrue(AtRest.state().pending());
        open(kind);
        // rows as a server before the upgrade stored them
        sql("INSERT INTO manager_connector (name, manager_type, ip_address, username, password) "
                + "VALUES ('old-mc', 'Sample', '10.0.0.1', 'admin', '" + PASSWORD + "')");
        sql("INSERT INTO virtualization_connector (name, vc_type, controller_type, kubeconfig) "
                + "VALUES ('old-vc', 'KUBERNETES', 'SampleSdn', '" + KUBECONFIG + "')");
        long vc = database.read(s -> s.createQuery("select v.id from VirtualizationConnector v", Long.class)
                .getSingleResult());
        sql("INSERT INTO vc_controller_secret VALUES (" + vc + ", 'apiPassword', '" + CONTROLLER_SECRET + "')");
        assertEquals(Map.of(SecretRows.PLAINTEXT, 3), counts());

        SecretKeyService service = SecretKeyService.unstarted(database);
        service.start();
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(AtRest.state().cipher().ring().activeId(), KeyFile.read(file).activeId());
        assertFalse(AtRest.state().pending());
        assertEquals(Map.of(KeyFile.read(file).activeId(), 3), counts());
        assertTrue(allText().stream().noneMatch(v -> SECRETS.stream().anyMatch(v::contains)));
        assertEquals(0, service.status().plaintextValues());

        List<String> before = allText();
        service.start();
        assertEquals(before, allText(), "a second start changes nothing");
        database.read(s -> {
            assertEquals(KUBECONFIG, s.find(VirtualizationConnector.class, vc).getKubeconfig());
            assertEquals(Map.of("apiPassword", CONTROLLER_SECRET),
                    s.find(VirtualizationConnector.class, vc).getControllerSecrets());
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aMissingOrWrongKeyFileRefusesTheStartAndWritesNothing(String kind) throws Exception {
        KeyRing right = KeyRing.generate();
        keys(right, false);
        open(kind);
        managerConnector(PASSWORD, null);
        List<String> stored = allText();

        keys(KeyRing.generate(), false);
        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> SecretKeyService.unstarted(database).start());
        assertTrue(wrong.getMessage().startsWith("OSC cannot start: the database holds secrets encrypted with key(s) "
                + right.activeId() + ", which the key file "), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("restore the key file backed up with this database"));
        assertFalse(wrong.getMessage().contains("\n"), "one line");

        Path data = dir.resolve("data");
        AtRest.prepare(data, java.util.Optional.empty());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> SecretKeyService.unstarted(database).start());
        assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
        assertFalse(Files.exists(data.resolve(AtRest.DEFAULT_KEY_FILE)), "no key generated over existing secrets");
        assertEquals(stored, allText(), "nothing rewritten");

        keys(right, false);
        SecretKeyService.unstarted(database).start();
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aRotationReencryptsEveryValueUnderANewKeyInTheKeyFile(String kind) throws Exception {
        KeyRing first = KeyRing.generate();
        Path file = keys(first, false);
        open(kind);
        long mc = managerConnector(PASSWORD, null);
        long vc = virtualizationConnector(KUBECONFIG, null);
        virtualizationConnector(null, TOKEN);
        SecretKeyService service = SecretKeyService.unstarted(database);
        service.start();

        SecretKeyService.Rotation rotation = service.rotate();
        assertEquals(first.activeId(), rotation.previousKeyId());
        assertEquals(5, rotation.reEncrypted());
        assertEquals(0, rotation.unreadable());
        KeyRing inFile = KeyFile.read(file);
        assertEquals(rotation.activeKeyId(), inFile.activeId());
        assertEquals(List.of(first.activeId(), rotation.activeKeyId()), List.copyOf(inFile.ids()));
        assertEquals(Map.of(rotation.activeKeyId(), 5), counts());
        assertEquals(List.of(new SecretKeyService.KeyUse(first.activeId(), false, 0, true),
                new SecretKeyService.KeyUse(rotation.activeKeyId(), true, 5, true)), service.status().keys());
        database.read(s -> {
            assertEquals(PASSWORD, s.find(ManagerConnector.class, mc).getPassword());
            assertEquals(KUBECONFIG, s.find(VirtualizationConnector.class, vc).getKubeconfig());
            return null;
        });
        // new writes use the new key; the old key alone reads nothing any more
        long later = managerConnector("later-password", null);
        assertEquals(Map.of(rotation.activeKeyId(), 6), counts());
        keys(first, false);
        database.read(s -> {
            assertTrue(SealedColumn.unreadable(s.find(ManagerConnector.class, later).getPassword()));
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aCorruptedValueReadsAsUnreadableWithoutFailingTheQuery(String kind) {
        keys(KeyRing.generate(), false);
        open(kind);
        long broken = managerConnector(PASSWORD, null);
        long fine = managerConnector("other-password", null);
        String stored = allValues("manager_connector", "password", broken);
        sql("UPDATE manager_connector SET password = '" + stored.substring(0, stored.length() - 8) + "AAAAAAAA'"
                + " WHERE id = " + broken);
        List<ManagerConnector> all = database.read(s -> s.createQuery("from ManagerConnector order by id",
                ManagerConnector.class).getResultList());
        assertTrue(SealedColumn.unreadable(all.get(0).getPassword()));
        assertEquals("other-password", all.get(1).getPassword());
        assertEquals(fine, all.get(1).getId());
        // a rotation re-encrypts what it can and leaves the corrupted value as it was
        AtRest.install(new AtRest.KeyState(dir.resolve("keys"), false, false, AtRest.cipher()));
        SecretKeyService.Rotation rotation = SecretKeyService.unstarted(database).rotate();
        assertEquals(1, rotation.reEncrypted());
        assertEquals(1, rotation.unreadable());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aRotationReencryptsAThousandSecretsInOneGo(String kind) {
        keys(KeyRing.generate(), false);
        open(kind);
        database.run(s -> {
            for (int i = 0; i < 1000; i++) {
                ManagerConnector mc = new ManagerConnector();
                mc.setName("bulk-" + i);
                mc.setManagerType("Sample");
                mc.setIpAddress("10.0.0.1");
                mc.setPassword("password-" + i);
                s.persist(mc);
            }
        });
        long started = System.nanoTime();
        SecretKeyService.Rotation rotation = SecretKeyService.unstarted(database).rotate();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(1000, rotation.reEncrypted());
        assertEquals(Map.of(rotation.activeKeyId(), 1000), counts());
        assertEquals("password-999", database.read(s -> s.createQuery("from ManagerConnector where name = 'bulk-999'",
                ManagerConnector.class).getSingleResult().getPassword()));
        System.out.println("SECRETS " + kind + ": rotating 1000 stored secrets took " + millis + " ms");
    }

    private Path keys(KeyRing ring, boolean pending) {
        Path file = dir.resolve("keys-" + ring.activeId());
        try {
            KeyFile.write(file, ring);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        AtRest.install(new AtRest.KeyState(file, false, pending, new SecretCipher(ring)));
        return file;
    }

    private void open(String kind) {
        database = TestDatabases.open(kind, dir);
    }

    private long managerConnector(String password, String apiKey) {
        return database.inTransaction(s -> {
            ManagerConnector mc = new ManagerConnector();
            mc.setName("mc-" + System.nanoTime());
            mc.setManagerType("Sample");
            mc.setIpAddress("10.0.0.1");
            mc.setUsername("admin");
            mc.setPassword(password);
            mc.setApiKey(apiKey);
            s.persist(mc);
            return mc.getId();
        });
    }

    private long virtualizationConnector(String kubeconfig, String token) {
        return database.inTransaction(s -> {
            VirtualizationConnector vc = new VirtualizationConnector();
            vc.setName("vc-" + System.nanoTime());
            vc.setType("KUBERNETES");
            vc.setControllerType("SampleSdn");
            vc.setKubeconfig(kubeconfig);
            vc.setToken(token);
            if (token != null) {
                vc.setApiServerUrl("https://k8s.example:6443");
            }
            vc.setControllerAttributes(Map.of("apiUrl", "https://sdn.example:8443"));
            vc.setControllerSecrets(Map.of("apiPassword", CONTROLLER_SECRET));
            s.persist(vc);
            return vc.getId();
        });
    }

    private Map<String, Integer> counts() {
        return database.read(s -> s.doReturningWork(SecretRows::countByKey));
    }

    /** @return every text value of the connector tables, as JDBC reads them */
    private List<String> allText() {
        List<String> values = new ArrayList<>();
        for (String table : List.of("manager_connector", "virtualization_connector", "vc_controller_secret",
                "vc_controller_attribute")) {
            database.read(s -> s.doReturningWork(connection -> {
                try (PreparedStatement query = connection.prepareStatement("SELECT * FROM " + table);
                        ResultSet rows = query.executeQuery()) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rows.getObject(i);
                            values.add(String.valueOf(value));
                        }
                    }
                }
                return null;
            }));
        }
        return values;
    }

    private String allValues(String table, String column, long id) {
        return database.read(s -> s.doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + column + " FROM " + table
                    + " WHERE id = " + id); ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }));
    }

    private void sql(String statement) {
        database.run(s -> s.doWork(connection -> {
            try (var st = connection.createStatement()) {
                st.execute(statement);
            }
        }));
    }

    private int size(String table, String column) {
        return database.read(session -> session.doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("select character_maximum_length from "
                    + "information_schema.columns where lower(table_name) = ? and lower(column_name) = ?")) {
                query.setString(1, table);
                query.setString(2, column);
                try (ResultSet rows = query.executeQuery()) {
                    assertTrue(rows.next(), table + "." + column + " exists");
                    return rows.getInt(1);
                }
            }
        }));
    }
}
