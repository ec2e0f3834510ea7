package org.osc.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * The server's trail binds the database without opening it: the database is got (opened and migrated) on the
 * trail's own threads when a record is stored, so the REST applications that need the trail never wait for it.
 */
class AuditTrailBindingTest {

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

    @Test
    void bindingGetsNothingAndRecordsWaitUntilTheDatabaseIsGot() throws Exception {
        db = TestDatabases.open("h2", dir);
        Objects objects = new Objects(db);
        AuditTrail.LateStore late = new AuditTrail.LateStore();
        trail = new AuditTrail(late, 100, Duration.ZERO, Duration.ofMillis(10), Clock.systemUTC());
        assertThrows(JDBCConnectionException.class, () -> late.find(AuditQuery.all(1)), "not bound yet");

        trail.record(record("before-bind"));
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

    private static AuditRecord record(String user) {
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
