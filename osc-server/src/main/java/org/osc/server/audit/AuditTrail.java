package org.osc.server.audit;

import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.hibernate.exception.JDBCConnectionException;
import org.osc.server.log.LogSafe;
import org.osc.server.metrics.OscMetrics;
import org.osc.server.persistence.Database;
import org.osc.server.rest.JsonSupport;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.prometheus.metrics.core.metrics.Counter;

/**
 * The server's audit trail: takes each record ({@link #record}, {@link #loginFailed}, {@link #lockout}), writes it
 * at once as one JSON line to the logger {@value #LOGGER} (the file {@code data/logs/audit.log}, see
 * {@code etc/logback.xml}) and hands it to the {@link AuditWriter} for the database; prunes records older than the
 * retention at start and daily; answers queries.
 *
 * <p>Configuration PID {@value #PID}: {@code retentionDays} (90; 0 keeps everything), which the server sets from
 * {@code osc.audit.retentionDays} ({@code OSC_AUDIT_RETENTION_DAYS}), and {@code queueCapacity} (10000).
 */
@Component(service = AuditTrail.class, immediate = true, configurationPid = AuditTrail.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AuditTrail.Config.class)
public class AuditTrail {

    /** Configuration PID. */
    public static final String PID = "org.osc.server.audit";
    /** The logger of the audit log file's JSON lines. */
    public static final String LOGGER = "osc.audit";
    /** How many records one transaction stores at most. */
    static final int BATCH = 200;
    /** How long the writer gathers records before it stores a batch. */
    static final Duration LINGER = Duration.ofMillis(250);

    /** The audit trail's configuration. */
    @ObjectClassDefinition(name = "OSC audit trail", description = "Set by OSC from etc/osc.properties")
    public @interface Config {
        /** @return how many days records are kept; 0 keeps them all */
        @AttributeDefinition(min = "0")
        int retentionDays() default 90;

        /** @return how many records may wait for the database before new ones are dropped (from it only) */
        @AttributeDefinition(min = "1")
        int queueCapacity() default 10_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final Logger FILE = LoggerFactory.getLogger(LOGGER);
    private static final ObjectMapper JSON = JsonSupport.mapper();
    private static final Counter DROPPED = Counter.builder().name("osc_audit_records_dropped_total")
            .help("Audit records not stored in the database because the queue waiting for it was full "
                    + "(they are in the audit log file)")
            .withoutExemplars().register(OscMetrics.REGISTRY);

    private final AuditStore store;
    private final AuditWriter writer;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledExecutorService pruner;

    /** The database store, once the database is there (see {@link #bindDatabase}); null in tests. */
    private final LateStore late;

    /**
     * The server's trail over its database. It does not wait for the database: records queue (and are in the
     * audit log file) until {@link #bindDatabase} gives it, so that the REST applications, which need the audit
     * filter and so this trail, never wait for the database's migrations while the HTTP server starts.
     */
    @Activate
    public AuditTrail(Config config) {
        this(new LateStore(), config.queueCapacity(), Duration.ofDays(config.retentionDays()),
                Duration.ofMillis(100), Clock.systemUTC());
    }

    /**
     * Keeps the database service without getting it: getting it opens and migrates the database, which must not
     * happen while Declarative Services binds it here (the REST applications, which need this trail, would wait for
     * the migrations). The writer, the pruner or a query gets it on first use, on their own threads.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindDatabase(ComponentServiceObjects<Database> database) {
        late.database = database;
        if (!retention.isZero() && !pruner.isShutdown()) {
            try {
                pruner.execute(this::pruneQuietly);
            } catch (RejectedExecutionException e) {
                // deactivated meanwhile: nothing to prune for
            }
        }
    }

    void unbindDatabase(ComponentServiceObjects<Database> database) {
        late.unbind(database);
    }

    /**
     * A trail over any store (tests).
     *
     * @param retention how long records are kept; zero keeps them all
     * @param retryDelay the first pause after the store refused a batch
     */
    public AuditTrail(AuditStore store, int capacity, Duration retention, Duration retryDelay, Clock clock) {
        this.store = store;
        this.late = store instanceof LateStore l ? l : null;
        this.clock = clock;
        this.retention = retention;
        this.writer = new AuditWriter(store, capacity, BATCH, LINGER, retryDelay, DROPPED::inc);
        this.pruner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "osc-audit-retention");
            thread.setDaemon(true);
            return thread;
        });
        if (!retention.isZero()) {
            // at start (or, for the server's trail, also when the database comes: bindDatabase), then daily
            pruner.scheduleWithFixedDelay(this::pruneQuietly, late == null ? 0 : 1, 1, TimeUnit.DAYS);
        }
    }

    @Deactivate
    void deactivate() {
        pruner.shutdownNow();
        writer.close(Duration.ofSeconds(5));
    }

    /** Stops the writer (tests; the server's is stopped with the component). */
    public void close() {
        deactivate();
    }

    /** Records one entry: its JSON line now, the database soon. */
    public void record(AuditRecord record) {
        FILE.info(json(record));
        writer.offer(record);
    }

    /**
     * Records a login failure outside a REST request (the metrics endpoint); the API's own are recorded by
     * {@link AuditFilter} with their request.
     *
     * @param nameTried the user name sent (escaped here), or null
     * @param source the client's address, or null
     * @param status the answer: 401, or 429/503 from the login throttle
     * @param reason why it failed
     */
    public void loginFailed(String nameTried, String source, String reason, int status) {
        record(new AuditRecord(0, clock.instant(), AuditRecord.LOGIN_FAILURE, nameTried == null ? null
                : LogSafe.of(nameTried), null, null, source, null, null, null, null, status, null, null, reason));
    }

    /**
     * Records a lockout: a user name or client address refused for a while after too many failed logins. The
     * login throttle's listener calls this.
     *
     * @param nameTried the user name locked out (escaped here), or null when an address is
     * @param source the client's address, or null
     * @param reason what was locked and for how long
     */
    public void lockout(String nameTried, String source, String reason) {
        record(new AuditRecord(0, clock.instant(), AuditRecord.LOCKOUT, nameTried == null ? null
                : LogSafe.of(nameTried), null, null, source, null, null, null, null, 429, null, null, reason));
    }

    /** @return the records the query asks for, newest first */
    public List<AuditRecord> find(AuditQuery query) {
        return store.find(query);
    }

    /** @return the writer, whose counts tests and the status read */
    public AuditWriter writer() {
        return writer;
    }

    /**
     * Removes the records older than the retention.
     *
     * @return how many were removed
     */
    public int prune() {
        if (retention.isZero()) {
            return 0;
        }
        return store.prune(clock.instant().minus(retention));
    }

    private void pruneQuietly() {
        try {
            int removed = prune();
            if (removed > 0) {
                LOG.info("Removed {} audit record(s) older than {} days", removed, retention.toDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("Old audit records not removed: {}; trying again tomorrow", LogSafe.of(e.getMessage()));
        }
    }

    /** @return the record as the audit log file's line (no id: the database gives it later) */
    static String json(AuditRecord r) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", r.time().toString());
        line.put("event", r.event());
        line.put("user", r.user());
        line.put("token", r.token());
        line.put("role", r.role());
        line.put("source", r.source());
        line.put("method", r.method());
        line.put("path", r.path());
        line.put("objectType", r.objectType());
        line.put("objectId", r.objectId());
        line.put("status", r.status());
        line.put("jobId", r.jobId());
        line.put("requestId", r.requestId());
        line.put("detail", r.detail());
        line.values().removeIf(v -> v == null);
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the clock records are stamped with */
    Clock clock() {
        return clock;
    }

    /** @return the time now, as records are stamped */
    Instant now() {
        return clock.instant();
    }

    /**
     * The store of the server's database, which is bound after the trail starts and got on first use; refuses
     * (as a transient failure, which the writer retries) until it is bound and open.
     */
    static final class LateStore implements AuditStore {

        private volatile ComponentServiceObjects<Database> database;
        private ComponentServiceObjects<Database> gotFrom;
        private JdbcAuditStore store;

        private synchronized JdbcAuditStore store() {
            ComponentServiceObjects<Database> bound = database;
            if (bound == null) {
                throw notOpen();
            }
            if (gotFrom != bound) {
                Database opened = bound.getService();
                if (opened == null) {
                    throw notOpen();
                }
                gotFrom = bound;
                store = new JdbcAuditStore(opened);
            }
            return store;
        }

        /** Forgets the service (Declarative Services releases what was got from it). */
        void unbind(ComponentServiceObjects<Database> unbound) {
            if (database == unbound) {
                database = null;
            }
            synchronized (this) {
                if (gotFrom == unbound) {
                    gotFrom = null;
                    store = null;
                }
            }
        }

        private static JDBCConnectionException notOpen() {
            return new JDBCConnectionException("The database is not open yet",
                    new SQLTransientConnectionException("The database is not open yet"));
        }

        @Override
        public void insert(List<AuditRecord> records) {
            store().insert(records);
        }

        @Override
        public List<AuditRecord> find(AuditQuery query) {
            return store().find(query);
        }

        @Override
        public int prune(Instant before) {
            return store().prune(before);
        }
    }
}
