package org.osc.server.vc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.sample.sdn.SampleSdnController;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.server.domain.Columns;
import org.osc.server.domain.ObjectType;
import org.osc.server.error.UnprocessableException;
import org.osc.server.error.ValidationException;
import org.osc.server.jobs.JobService;
import org.osc.server.jobstore.JpaJobStore;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.ReconcileContext;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.reconcile.Result;

/**
 * Controller attributes through the connector service, on H2 and PostgreSQL: stored and shown without secrets,
 * handed to the SDN plugin whole, checked by it (422 on {@code controllerAttributes}, nothing written), kept or
 * removed on update as documented, and a change reconciling what uses the connector.
 */
class ControllerAttributesServiceTest {

    private static final String SDN = "RecordingSdn";
    private static final String SAMPLE = "SampleSdn";

    @TempDir
    Path dir;

    private Database database;
    private JobService jobs;
    private ReconcileService reconcile;
    private final RecordingSdn sdn = new RecordingSdn();
    private final Set<String> reconciled = ConcurrentHashMap.newKeySet();
    private VirtualizationConnectorService service;

    private void start(String kind) {
        database = TestDatabases.open(kind, dir);
        jobs = new JobService(new JpaJobStore(database), 2, Duration.ofMinutes(1));
        reconcile = new ReconcileService(jobs, new ReconcileQueue());
        reconcile.register(new Recording(ObjectType.SECURITY_GROUP));
        reconcile.register(new Recording(ObjectType.DEPLOYMENT_SPEC));
        PluginRegistry plugins = new PluginRegistry();
        plugins.registerSdnController(sdn, Map.of(SdnPluginProperties.PLUGIN_NAME, SDN));
        plugins.registerSdnController(new SampleSdnController(dir.resolve("sample-sdn.json"), "1.0.0"),
                Map.of(SdnPluginProperties.PLUGIN_NAME, SAMPLE));
        service = new VirtualizationConnectorService(database, plugins, reconcile, new PlatformRegistry(),
                Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.deactivate();
            reconcile.close();
            jobs.engine().close();
            database.close();
        }
    }

    private static VirtualizationConnectorBody body(String name, String controllerType, Map<String, String> attrs) {
        return new VirtualizationConnectorBody(null, name, "KUBERNETES", controllerType, null, null,
                "https://" + name + ".example:6443", "token", null, null, null, null, null, null)
                .withControllerAttributes(attrs);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void attributesAreStoredShownWithoutSecretsAndHandedToThePluginWhole(String kind) {
        start(kind);
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIE" + "A".repeat(3000) + "\n-----END PRIVATE KEY-----\n";
        long id = service.create(body("vc1", SDN, Map.of("northbound", "tcp:127.0.0.1:6641",
                "northboundClientKey", pem, "zone", "")));

        VirtualizationConnectorBody read = service.get(id);
        assertEquals(Map.of("northbound", "tcp:127.0.0.1:6641"), read.controllerAttributes());
        assertEquals(List.of("northboundClientKey"), read.controllerSecretsSet());
        assertEquals(read, service.list().get(0));
        VirtualizationConnectorElement asked = sdn.asked().get(0);
        assertEquals(new VirtualizationConnectorElement("vc1", "KUBERNETES", Map.of("northbound",
                "tcp:127.0.0.1:6641", "northboundClientKey", pem)), asked, "checked with every attribute");
        assertEquals(asked, database.inTransaction(s -> ControllerAttributes.element(
                VirtualizationConnectorService.find(s, id))), "what the reconcilers hand the plugin");

        long plain = service.create(body("vc2", SDN, null));
        assertEquals(Map.of(), service.get(plain).controllerAttributes());
        assertEquals(List.of(), service.get(plain).controllerSecretsSet());
        service.delete(id);
        assertEquals(List.of("vc2"), service.list().stream().map(VirtualizationConnectorBody::name).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void anUpdateKeepsSecretsLeftOutAndRemovesThemWithAnEmptyString(String kind) {
        start(kind);
        long id = service.create(body("vc1", SDN, Map.of("northbound", "tcp:a:1", "clientKey", "KEY-1",
                "adminPassword", "PW-1")));
        sdn.forget();

        service.update(id, body("vc1-renamed", SDN, null));
        assertTrue(sdn.asked().isEmpty(), "nothing changed for the controller: not asked");
        assertEquals(Map.of("northbound", "tcp:a:1"), service.get(id).controllerAttributes());

        service.update(id, body("vc1", SDN, Map.of("northbound", "tcp:b:2")));
        assertEquals(Map.of("northbound", "tcp:b:2", "clientKey", "KEY-1", "adminPassword", "PW-1"),
                sdn.asked().get(0).providerAttributes(), "checked with the secrets kept");
        assertEquals(List.of("adminPassword", "clientKey"), service.get(id).controllerSecretsSet());

        service.update(id, body("vc1", SDN, Map.of("northbound", "tcp:b:2", "adminPassword", "",
                "clientKey", "KEY-2")));
        assertEquals(Map.of("northbound", "tcp:b:2", "clientKey", "KEY-2"), stored(id));
        assertEquals(List.of("clientKey"), service.get(id).controllerSecretsSet());

        service.update(id, body("vc1", SDN, Map.of()));
        assertEquals(Map.of("clientKey", "KEY-2"), stored(id), "plain ones left out are removed, secrets kept");
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aControllerThatRefusesIs422OnControllerAttributesAndNothingIsWritten(String kind) {
        start(kind);
        sdn.answer(RecordingSdn.Answer.REFUSE, "northbound: connection refused");
        assertRefused("northbound: connection refused",
                () -> service.create(body("vc1", SDN, Map.of("northbound", "tcp:127.0.0.1:1"))));
        assertTrue(service.list().isEmpty(), "nothing stored");

        sdn.answer(RecordingSdn.Answer.READY, null);
        long id = service.create(body("vc1", SDN, Map.of("northbound", "tcp:a:1", "clientKey", "KEY-1")));
        sdn.answer(RecordingSdn.Answer.UNREACHABLE, "northbound: java.net.ConnectException: Connection timed out"
                + "\n\tat org.example.Ovsdb.connect(Ovsdb.java:10)");
        assertRefused("northbound: Connection timed out",
                () -> service.update(id, body("vc1", SDN, Map.of("northbound", "tcp:b:2", "clientKey", "KEY-2"))));
        assertEquals(Map.of("northbound", "tcp:a:1", "clientKey", "KEY-1"), stored(id), "nothing changed");

        sdn.answer(RecordingSdn.Answer.CRASH, "java.lang.NullPointerException: boom");
        assertRefused("SDN plugin 'RecordingSdn' failed: boom",
                () -> service.update(id, body("vc1", SDN, Map.of("northbound", "tcp:c:3"))));

        sdn.answer(RecordingSdn.Answer.HANG, null);
        long started = System.nanoTime();
        assertRefused("the SDN controller did not answer within 0 s (SDN plugin 'RecordingSdn')",
                () -> service.update(id, body("vc1", SDN, Map.of("northbound", "tcp:c:3"))));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 5_000, "bounded");
        assertEquals(Map.of("northbound", "tcp:a:1", "clientKey", "KEY-1"), stored(id), "nothing changed");

        sdn.answer(RecordingSdn.Answer.NOT_READY, null);
        service.update(id, body("vc1", SDN, Map.of("northbound", "tcp:c:3")));
        assertEquals("tcp:c:3", service.get(id).controllerAttributes().get("northbound"),
                "a controller that answers, even not ready, is accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void theSamplePluginRefusesAnyAttributeAndBadOnesAre400(String kind) {
        start(kind);
        assertRefused("northbound: unknown attribute; the sample SDN controller takes none",
                () -> service.create(body("vc1", SAMPLE, Map.of("northbound", "tcp:127.0.0.1:6641"))));
        assertTrue(service.list().isEmpty(), "nothing stored");
        long id = service.create(body("vc1", SAMPLE, Map.of()));
        assertRefused("clientKey: unknown attribute; the sample SDN controller takes none",
                () -> service.update(id, body("vc1", SAMPLE, Map.of("clientKey", "PRIVATE"))));
        assertEquals(List.of(), service.get(id).controllerSecretsSet());

        ValidationException bad = assertThrows(ValidationException.class,
                () -> service.update(id, body("vc1", SAMPLE, Map.of("bad key", "x"))));
        assertEquals("controllerAttributes.bad key", bad.errors().get(0).field());
        UnprocessableException unknown = assertThrows(UnprocessableException.class,
                () -> service.create(body("vc2", "NoSuchSdn", Map.of("northbound", "x"))));
        assertEquals("controllerType", unknown.errors().get(0).field(), "an unknown plugin stays what it was");
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void countingTheSecretsKeptAConnectorHasAtMost32Attributes(String kind) {
        start(kind);
        Map<String, String> secrets = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            secrets.put("s" + i + "Token", "t");
        }
        long id = service.create(body("vc1", SDN, secrets));
        Map<String, String> plain = new TreeMap<>();
        for (int i = 0; i < 13; i++) {
            plain.put("p" + i, "v");
        }
        ValidationException tooMany = assertThrows(ValidationException.class,
                () -> service.update(id, body("vc1", SDN, plain)));
        assertEquals("controllerAttributes", tooMany.errors().get(0).field());
        plain.remove("p0");
        service.update(id, body("vc1", SDN, plain));
        assertEquals(32, stored(id).size());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void changedAttributesReconcileTheConnectorsGroupsAndSpecs(String kind) throws Exception {
        start(kind);
        long id = service.create(body("vc1", SDN, Map.of("northbound", "tcp:a:1")));
        long other = service.create(body("vc2", SDN, Map.of()));
        database.run(s -> s.doWork(connection -> {
            try (var statement = connection.createStatement()) {
                for (String row : List.of(
                        "insert into manager_connector (id, name, manager_type, ip_address) values (901, 'mc', 'M', "
                                + "'h')",
                        "insert into appliance (id, model, manager_type, manager_version) values (901, 'm', 'M', '1')",
                        "insert into appliance_software_version (id, appliance_id, sw_version, virtualization_type, "
                                + "virtualization_version, image_url) values (901, 901, '1.0', 'KUBERNETES', '1', "
                                + "'img')",
                        "insert into distributed_appliance (id, name, manager_connector_id, software_version_id) "
                                + "values (901, 'da', 901, 901)",
                        "insert into virtual_system (id, distributed_appliance_id, virtualization_connector_id, "
                                + "domain_id) values (901, 901, " + id + ", 'd')",
                        "insert into deployment_spec (id, virtual_system_id, name, namespace, replica_count) "
                                + "values (901, 901, 'ds', 'ns', 1)",
                        "insert into security_group (id, virtualization_connector_id, name) values (901, " + id
                                + ", 'sg')",
                        "insert into security_group (id, virtualization_connector_id, name) values (902, " + other
                                + ", 'other')")) {
                    statement.executeUpdate(row);
                }
            }
        }));

        service.update(id, body("vc1-renamed", SDN, null));
        service.update(id, body("vc1-renamed", SDN, Map.of("northbound", "tcp:a:1")));
        Thread.sleep(300);
        assertEquals(Set.of(), reconciled, "attributes unchanged: nothing to reconcile");

        service.update(id, body("vc1-renamed", SDN, Map.of("northbound", "tcp:b:2")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reconciled.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertEquals(Set.of("SECURITY_GROUP 901", "DEPLOYMENT_SPEC 901"), reconciled);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void theAttributeTablesHaveTheSizesTheChecksUse(String kind) {
        start(kind);
        assertEquals(Columns.ATTRIBUTE_KEY, size("vc_controller_attribute", "attr_key"));
        assertEquals(Columns.ATTRIBUTE_VALUE, size("vc_controller_attribute", "attr_value"));
        assertEquals(ControllerAttributes.MAX_VALUE_LENGTH, Columns.ATTRIBUTE_VALUE);
        assertEquals(Columns.ATTRIBUTE_KEY, size("vc_controller_secret", "attr_key"));
        assertEquals(Columns.SECRET_ATTRIBUTE_VALUE, size("vc_controller_secret", "secret_value"));
    }

    private int size(String table, String column) {
        return database.inTransaction(session -> session.doReturningWork(connection -> {
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

    private Map<String, String> stored(long id) {
        return database.inTransaction(s -> ControllerAttributes.of(VirtualizationConnectorService.find(s, id)).all());
    }

    private static void assertRefused(String reason, Runnable request) {
        UnprocessableException e = assertThrows(UnprocessableException.class, request::run);
        assertEquals(422, e.status());
        assertEquals("controllerAttributes", e.errors().get(0).field());
        assertEquals(reason, e.errors().get(0).message());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    /** A reconciler that only notes which objects it was asked for. */
    private final class Recording implements Reconciler {

        private final ObjectType type;

        Recording(ObjectType type) {
            this.type = type;
        }

        @Override
        public ObjectType type() {
            return type;
        }

        @Override
        public Optional<Description> describe(long id) {
            return Optional.of(new Description("Record " + type + " " + id));
        }

        @Override
        public Result reconcile(long id, ReconcileContext context) {
            reconciled.add(type + " " + id);
            return Result.done();
        }
    }
}
