package org.osc.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/** The audit table (V9) on H2 and PostgreSQL: writes, filters, paging, retention; the trail binding it. */
class AuditStoreTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private AuditTrail trail;

    @AfterEach
    void close() {
        if (trail != null) {
            trail.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static AuditRecord at(Instant time, String user, String method, int status, String type, String id,
            Long job) {
        return new AuditRecord(0, time, AuditRecord.REQUEST, user, null, "admin", "127.0.0.1", method,
                "/server/v1/x", type, id, status, job, "req-" + time.getEpochSecond(), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void storesFiltersAndPagesNewestFirst(String kind) {
        db = TestDatabases.open(kind, dir);
        JdbcAuditStore store = new JdbcAuditStore(db);
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(at(NOW.minusSeconds(300 - i * 10L), i % 3 == 0 ? "alice" : "admin", i % 2 == 0 ? "POST"
                    : "DELETE", i % 5 == 0 ? 409 : 201, "SECURITY_GROUP", Integer.toString(i), i % 4 == 0
                            ? (long) i : null));
        }
        records.add(new AuditRecord(0, NOW, AuditRecord.LOGIN_FAILURE, "mallory\\n", null, null, "10.0.0.9", "GET",
                "/server/v1/jobs", "JOB", null, 401, null, "req-lf", "wrong user name or password"));
        store.insert(records);

        List<AuditRecord> all = store.find(AuditQuery.all(1000));
        assertEquals(31, all.size());
        assertEquals(AuditRecord.LOGIN_FAILURE, all.get(0).event(), "newest first");
        assertEquals("mallory\\n", all.get(0).user());
        assertEquals("wrong user name or password", all.get(0).detail());
        assertNull(all.get(0).jobId());
        AuditRecord oldest = all.get(30);
        assertEquals(NOW.minusSeconds(300), oldest.time());
        assertEquals("0", oldest.objectId());
        assertEquals(0L, oldest.jobId());
        assertEquals("req-" + NOW.minusSeconds(300).getEpochSecond(), oldest.requestId());

        assertEquals(10, store.find(new AuditQuery("alice", null, null, null, null, null, null, null, 100)).size());
        assertEquals(15, store.find(new AuditQuery(null, "DELETE", null, null, null, null, null, null, 100)).size());
        assertEquals(6, store.find(new AuditQuery(null, null, 409, null, null, null, null, null, 100)).size());
        assertEquals(1, store.find(new AuditQuery(null, null, null, "SECURITY_GROUP", "7", null, null, null, 100))
                .size());
        // since inclusive, until exclusive: records 10 .. 19
        assertEquals(10, store.find(new AuditQuery(null, null, null, null, null, NOW.minusSeconds(200),
                NOW.minusSeconds(100), null, 100)).size());

        // pages of 7 by the before cursor cover everything once
        List<Long> seen = new ArrayList<>();
        Long before = null;
        while (true) {
            List<AuditRecord> page = store.find(new AuditQuery(null, null, null, null, null, null, null, before, 7));
            page.forEach(r -> seen.add(r.id()));
            if (page.size() < 7) {
                break;
            }
            before = page.get(page.size() - 1).id();
        }
        assertEquals(all.stream().map(AuditRecord::id).toList(), seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void retentionRemovesOnlyOlderRecords(String kind) throws Exception {
        db = TestDatabases.open(kind, dir);
        JdbcAuditStore store = new JdbcAuditStore(db);
        store.insert(List.of(at(NOW.minus(Duration.ofDays(91)), "admin", "POST", 201, null, null, null),
                at(NOW.minus(Duration.ofDays(90)).minusSeconds(1), "admin", "POST", 201, null, null, null),
                at(NOW.minus(Duration.ofDays(89)), "admin", "PUT", 200, null, null, null),
                at(NOW, "admin", "DELETE", 204, null, null, null)));
        trail = new AuditTrail(store, 100, Duration.ofDays(90), Duration.ofMillis(10),
                Clock.fixed(NOW, ZoneOffset.UTC));
        // the trail prunes at start (asynchronously): wait for it
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.find(AuditQuery.all(10)).size() != 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<AuditRecord> left = store.find(AuditQuery.all(10));
        assertEquals(List.of("DELETE", "PUT"), left.stream().map(AuditRecord::method).toList());
        assertEquals(0, trail.prune(), "nothing more to remove");

        // records go through the trail to the store
        trail.record(at(NOW, "bob", "POST", 201, "USER", "carol", null));
        assertTrue(trail.writer().flush(Duration.ofSeconds(10)));
        assertEquals("bob", store.find(AuditQuery.all(1)).get(0).user());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aZeroRetentionKeepsEverything(String kind) {
        db = TestDatabases.open(kind, dir);
        JdbcAuditStore store = new JdbcAuditStore(db);
        store.insert(List.of(at(NOW.minus(Duration.ofDays(4000)), "admin", "POST", 201, null, null, null)));
        trail = new AuditTrail(store, 100, Duration.ZERO, Duration.ofMillis(10), Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(0, trail.prune());
        assertEquals(1, store.find(AuditQuery.all(10)).size());
    }

    /**
     * The server's trail binds the database without opening it: the database is got (opened and migrated) on the
     * trail's own threads when a record is stored, so the REST applications that need the trail never wait for it.
     */
    @Test
    void bindingGetsNothingAndRecordsWaitUntilTheDatabaseIsGot() throws Exception {
        db = TestDatabases.open("h2", dir);
        Objects objects = new Objects(db);
        AuditTrail.LateStore late = new AuditTrail.LateStore();
        trail = new AuditTrail(late, 100, Duration.ZERO, Duration.ofMillis(10), Clock.systemUTC());
        assertThrows(JDBCConnectionException.class, () -> late.find(AuditQuery.all(1)), "not bound yet");

        trail.record(request("before-bind"));
        trail.bindDatabase(objects);
        assertEquals(List.of(), objects.gotBy, "binding must not open the database");

        assertTrue(trail.writer().flush(Duration.ofSeconds(10)));
        assertEquals(1, objects.gotBy.size(), "got once, on first use");
        assertNotEquals(Thread.currentThread().getName(), objects.gotBy.get(0), "by the writer, not the binder");
        assertEquals("before-bind", trail.find(AuditQuery.all(5)).get(0).user());

        trail.unbindDatabase(objects);
        assertThrows(JDBCConnectionException.class, () -> late.find(AuditQuery.all(1)), "unbound");
        assertEquals(1, objects.gotBy.size());
    }

    private static AuditRecord request(String user) {
        return new AuditRecord(0, Instant.now(), AuditRecord.REQUEST, user, null, "admin", "127.0.0.1", "POST",
                "/server/v1/x", null, null, 201, null, "req-1", null);
    }

    /** Declarative Services' handle on the database service, counting who got it. */
    private static final class Objects implements ComponentServiceObjects<Database> {

        private final Database database;
        final List<String> gotBy = new CopyOnWriteArrayList<>();

        Objects(Database database) {
            this.database = database;
        }

        @Override
        public Database getService() {
            gotBy.add(Thread.currentThread().getName());
            return database;
        }

        @Override
        public void ungetService(Database service) {
            // released by Declarative Services on unbind
        }

        @Override
        public ServiceReference<Database> getServiceReference() {
            return null;
        }
    }
}
