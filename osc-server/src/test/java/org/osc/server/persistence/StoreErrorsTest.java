package org.osc.server.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.error.ConflictException;
import org.osc.server.error.FieldError;
import org.osc.server.error.OscException;
import org.osc.server.error.ValidationException;
import org.osc.server.user.UserService;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Table;

/**
 * What the database refuses, on H2 and PostgreSQL, as the caller sees it: a unique constraint is a 409 naming the
 * request field, a value too long or with a character the database cannot store a 400; and the column sizes the
 * checks use are the ones the migrations created.
 */
class StoreErrorsTest {

    @TempDir
    Path dir;

    /** Rows to insert once, and for each unique constraint a second row that breaks it, with the field named. */
    private static final List<String> ROWS = List.of(
            "insert into virtualization_connector (id, name, vc_type, controller_type) values (1, 'vc', 'K', 'S')",
            "insert into manager_connector (id, name, manager_type, ip_address) values (1, 'mc', 'M', 'h')",
            "insert into appliance (id, model, manager_type, manager_version) values (1, 'm', 'M', '1')",
            "insert into appliance_software_version (id, appliance_id, sw_version, virtualization_type, "
                    + "virtualization_version, image_url) values (1, 1, '1.0', 'KUBERNETES', '1', 'img')",
            "insert into distributed_appliance (id, name, manager_connector_id, software_version_id) "
                    + "values (1, 'da', 1, 1)",
            "insert into virtual_system (id, distributed_appliance_id, virtualization_connector_id, domain_id) "
                    + "values (1, 1, 1, 'd')",
            "insert into deployment_spec (id, virtual_system_id, name, namespace, replica_count) "
                    + "values (1, 1, 'ds', 'ns', 1)",
            "insert into security_group (id, virtualization_connector_id, name) values (1, 1, 'sg')",
            "insert into security_group_member (id, security_group_id, name, member_type, label) "
                    + "values (1, 1, 'mem', 'LABEL', 'a=b')",
            "insert into security_group_interface (id, security_group_id, virtual_system_id, name, chain_order, "
                    + "failure_policy) values (1, 1, 1, 'b', 0, 'NA')");

    private static final Map<String, String> DUPLICATES = Map.of(
            "insert into virtualization_connector (id, name, vc_type, controller_type) values (2, 'vc', 'K', 'S')",
            "name",
            "insert into manager_connector (id, name, manager_type, ip_address) values (2, 'mc', 'M', 'h')", "name",
            "insert into appliance (id, model, manager_type, manager_version) values (2, 'm', 'M', '1')", "model",
            "insert into appliance_software_version (id, appliance_id, sw_version, virtualization_type, "
                    + "virtualization_version, image_url) values (2, 1, '1.0', 'KUBERNETES', '1', 'img')",
            "swVersion",
            "insert into distributed_appliance (id, name, manager_connector_id, software_version_id) "
                    + "values (2, 'da', 1, 1)", "name",
            "insert into deployment_spec (id, virtual_system_id, name, namespace, replica_count) "
                    + "values (2, 1, 'ds', 'ns', 1)", "name",
            "insert into security_group (id, virtualization_connector_id, name) values (2, 1, 'sg')", "name",
            "insert into security_group_member (id, security_group_id, name, member_type, label) "
                    + "values (2, 1, 'mem', 'LABEL', 'a=b')", "members",
            "insert into security_group_interface (id, security_group_id, virtual_system_id, name, chain_order, "
                    + "failure_policy) values (2, 1, 1, 'b', 0, 'NA')", "bindings",
            "insert into osc_user (name, password_hash, role, created) values ('u', 'h', 'ADMIN', "
                    + "CURRENT_TIMESTAMP)", "name");

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void everyUniqueConstraintIsAConflictNamingItsField(String kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            db.run(session -> ROWS.forEach(sql -> session.createNativeMutationQuery(sql).executeUpdate()));
            db.run(session -> session.createNativeMutationQuery("insert into osc_user (name, password_hash, role, "
                    + "created) values ('u', 'h', 'ADMIN', CURRENT_TIMESTAMP)").executeUpdate());
            DUPLICATES.forEach((sql, field) -> {
                RuntimeException e = assertThrows(RuntimeException.class,
                        () -> db.run(session -> session.createNativeMutationQuery(sql).executeUpdate()));
                OscException known = StoreErrors.of(e).orElseThrow(() -> new AssertionError("not mapped: " + sql, e));
                assertInstanceOf(ConflictException.class, known, sql);
                assertEquals(field, known.errors().get(0).field(), sql);
                assertFalse(known.getMessage().contains("Exception"), known.getMessage());
            });
        }
    }

    @Test
    void aDatabaseThatStopsAnsweringIsUnreachableWhileARefusedStatementIsNot() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Server server = Server.createTcpServer("-tcpPort", Integer.toString(port),
                "-ifNotExists", "-baseDir", dir.toString()).start();
        try (Database database = Database.open("jdbc:h2:tcp://127.0.0.1:" + port + "/osc", "", "", 2,
                Duration.ofMillis(500))) {
            database.run(s -> s.createNativeMutationQuery(ROWS.get(0)).executeUpdate());
            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> database.run(s -> s.createNativeMutationQuery(ROWS.get(0)).executeUpdate()));
            assertFalse(StoreErrors.unreachable(refused), "a unique violation is an answer");
            assertFalse(StoreErrors.unreachable(new IllegalStateException("no database in it")));

            server.stop();
            // the pooled connection breaks; then no new one can be had
            for (int i = 0; i < 3; i++) {
                RuntimeException away = assertThrows(RuntimeException.class, () -> database.read(s -> s
                        .createNativeQuery("select count(*) from virtualization_connector", Long.class)
                        .getSingleResult()));
                assertTrue(StoreErrors.unreachable(away), "attempt " + i + ": " + away);
                assertTrue(StoreErrors.of(away).isEmpty(), "not a refused value: " + away);
            }
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aValueTooLongIsAnInvalidRequestThatQuotesNothing(String kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            String secret = "s3cr3t".repeat(200);
            RuntimeException e = assertThrows(RuntimeException.class, () -> db.run(session -> session
                    .createNativeMutationQuery("insert into manager_connector (name, manager_type, ip_address, "
                            + "username) values ('mc', 'M', 'h', :p)").setParameter("p", secret).executeUpdate()));
            OscException known = StoreErrors.of(e).orElseThrow();
            assertInstanceOf(ValidationException.class, known);
            assertFalse(known.getMessage().contains("s3cr3t"), known.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "postgresql" })
    void aNulCharacterThatReachedPostgresqlIsAnInvalidRequest(String kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> db.run(session -> session
                    .createNativeMutationQuery("insert into appliance (model, manager_type, manager_version) "
                            + "values (:m, 'M', '1')").setParameter("m", "a\u0000b").executeUpdate()));
            assertEquals(List.of(new FieldError("body",
                    "a value is too long or has characters the database cannot store")),
                    StoreErrors.of(e).orElseThrow().errors());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void twentyParallelCreatesOfOneNameMakeOneUserAndConflictsOnly(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            UserService users = new UserService(db, Clock.systemUTC());
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<String> create = () -> {
                    go.await();
                    try {
                        users.create("racer", "password-1", "auditor");
                        return "created";
                    } catch (ConflictException e) {
                        return "409 " + e.errors().get(0).field();
                    } catch (RuntimeException e) {
                        return StoreErrors.of(e).map(k -> k.status() + " " + k.errors().get(0).field())
                                .orElse("unmapped " + e);
                    }
                };
                outcomes.add(pool.submit(create));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            pool.shutdown();
            assertEquals(1, results.stream().filter("created"::equals).count(), results.toString());
            assertEquals(19, results.stream().filter("409 name"::equals).count(), results.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void theColumnSizesOfTheMappingsAreTheSizesOfTheSchema(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            int checked = 0;
            for (Class<?> entity : Entities.ALL) {
                for (Class<?> type = entity; type != Object.class; type = type.getSuperclass()) {
                    for (Field field : type.getDeclaredFields()) {
                        Column column = field.getAnnotation(Column.class);
                        if (column == null || field.getType() != String.class) {
                            continue;
                        }
                        CollectionTable collection = field.getAnnotation(CollectionTable.class);
                        String table = collection != null ? collection.name()
                                : entity.getAnnotation(Table.class).name();
                        String name = column.name().isEmpty() ? field.getName() : column.name();
                        assertEquals(column.length(), size(db, table, name), entity.getSimpleName() + "." + field);
                        checked++;
                    }
                }
            }
            assertTrue(checked > 40, "checked " + checked + " columns");
        }
    }

    private static int size(Database db, String table, String column) {
        return db.inTransaction(session -> session.doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("select character_maximum_length from "
                    + "information_schema.columns where lower(table_name) = ? and lower(column_name) = ?")) {
                query.setString(1, table.toLowerCase(Locale.ROOT));
                query.setString(2, column.toLowerCase(Locale.ROOT));
                try (ResultSet rows = query.executeQuery()) {
                    assertTrue(rows.next(), table + "." + column + " exists");
                    return rows.getInt(1);
                }
            }
        }));
    }
}
