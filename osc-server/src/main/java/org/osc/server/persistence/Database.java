package org.osc.server.persistence;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StaleStateException;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.exception.JDBCConnectionException;
import org.osc.server.config.Secrets;
import org.osc.server.secret.Refusal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;

import jakarta.persistence.OptimisticLockException;

/**
 * The server's database: a pooled connection, a schema brought up to date by versioned migrations, and a
 * Hibernate session factory over the entity classes of {@link Entities}.
 *
 * <p>Plain Java so that stores can be tested on H2 and PostgreSQL without a framework. Inside OSGi all the
 * libraries it uses are embedded in this bundle, so this bundle's class loader serves as the context class
 * loader while Flyway and Hibernate bootstrap (both look resources up through it).
 */
@Component(service = Database.class, configurationPid = Database.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Database.Config.class)
public final class Database implements AutoCloseable {

    /** Configuration PID, set by the server from its settings ({@code osc.db.*}). */
    public static final String PID = "org.osc.server.database";
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** The database's configuration; the password is not in it but in {@link Secrets}. */
    @ObjectClassDefinition(name = "OSC database", description = "Set by OSC from etc/osc.properties (osc.db.*)")
    public @interface Config {
        /** @return the JDBC URL */
        String url();

        /** @return the user (not used for H2) */
        String user();

        /** @return the connection pool's size */
        int poolSize();

        /** @return how long a caller waits for a pooled connection before it fails, in milliseconds */
        int connectionTimeoutMillis();
    }

    private final HikariDataSource dataSource;
    private final PatientPool connections;
    private final SessionFactory sessionFactory;
    private final String url;
    private final Credentials credentials;
    private final String schemaVersion;
    private final StoreChanges changes;

    /** Opens the configured database, for the OSGi runtime; outside it, use {@link #open}. */
    @Activate
    public Database(Config config, @Reference Secrets secrets) {
        this(openOrRefuse(config, secrets));
    }

    /** A second process on the same H2 file stops with one line saying so, not with H2's lock error. */
    private static Database openOrRefuse(Config config, Secrets secrets) {
        try {
            return open(config.url(), config.user(), secrets.databasePassword(), config.poolSize(),
                    Duration.ofMillis(config.connectionTimeoutMillis()));
        } catch (IllegalStateException e) {
            if (H2InUse.is(e)) {
                throw Refusal.exit("OSC cannot start: " + e.getMessage());
            }
            throw e;
        }
    }

    private Database(Database opened) {
        this(opened.dataSource, opened.connections, opened.sessionFactory, opened.url, opened.credentials,
                opened.schemaVersion, opened.changes);
    }

    private Database(HikariDataSource dataSource, PatientPool connections, SessionFactory sessionFactory, String url,
            Credentials credentials, String schemaVersion, StoreChanges changes) {
        this.dataSource = dataSource;
        this.connections = connections;
        this.sessionFactory = sessionFactory;
        this.url = url;
        this.credentials = credentials;
        this.schemaVersion = schemaVersion;
        this.changes = changes;
    }

    @Deactivate
    void deactivate() {
        close();
    }

    /**
     * {@link #open(String, String, String, int, Duration)} with a patient connection timeout of 10 s, for tests
     * and tools, which need no quick 503.
     */
    public static Database open(String url, String user, String password, int poolSize) {
        return open(url, user, password, poolSize, Duration.ofSeconds(10));
    }

    /**
     * Connects, migrates the schema and builds the session factory.
     *
     * @param poolSize how many connections the pool keeps at most
     * @param connectionTimeout how long a caller waits for a free connection, then fails with a
     *     {@link java.sql.SQLTransientConnectionException} (which REST answers with 503)
     * @throws IllegalStateException with a readable reason when the database cannot be reached or migrated
     */
    public static Database open(String url, String user, String password, int poolSize,
            Duration connectionTimeout) {
        ClassLoader own = Database.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(own);
        HikariDataSource dataSource = null;
        try {
            dataSource = pool(url, user, password, poolSize, connectionTimeout);
            PatientPool connections = new PatientPool(dataSource, connectionTimeout);
            MigrateResult migrated = Flyway.configure(own).dataSource(connections)
                    .locations("classpath:db/migration").load().migrate();
            LOG.info("Database {} at schema version {} ({} migrations applied)", redact(url),
                    migrated.targetSchemaVersion, migrated.migrationsExecuted);
            String version = migrated.targetSchemaVersion != null ? migrated.targetSchemaVersion
                    : migrated.initialSchemaVersion;
            StoreChanges changes = new StoreChanges();
            return new Database(dataSource, connections, sessionFactory(connections, own, changes), url,
                    new Credentials(user, password), version, changes);
        } catch (RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            if (H2InUse.is(e)) {
                throw new IllegalStateException(H2InUse.MESSAGE + " (" + redact(url) + ")", e);
            }
            throw new IllegalStateException("Cannot open database " + redact(url) + ": " + rootMessage(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The pool; it waits for a connection {@link PatientPool#SLICE} at a time (see {@link PatientPool}), which
     * also makes its login timeout 1 s: its first connection, at start, is tried for the whole connection timeout.
     */
    private static HikariDataSource pool(String url, String user, String password, int poolSize,
            Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDriverClassName(url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : "org.h2.Driver");
        if (!url.startsWith("jdbc:h2:")) {
            config.setUsername(user);
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("osc-db");
        config.setConnectionTimeout(PatientPool.SLICE.toMillis());
        config.setInitializationFailTimeout(Math.max(1, connectionTimeout.toMillis()));
        config.setExceptionOverride(new EvictDeadConnections());
        return new HikariDataSource(config);
    }

    /**
     * Drops a connection its driver declares dead for good, so that the pool reconnects instead of handing it out
     * again: H2 reports a broken or closed connection so, without the 08 SQLState the pool recognises by itself.
     */
    private static final class EvictDeadConnections implements SQLExceptionOverride {
        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            return e instanceof SQLNonTransientConnectionException ? SQLExceptionOverride.Override.MUST_EVICT
                    : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }

    private static SessionFactory sessionFactory(DataSource dataSource, ClassLoader loader, StoreChanges changes) {
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySetting("hibernate.connection.datasource", dataSource)
                .applySetting("hibernate.hbm2ddl.auto", "none")
                .applySetting("hibernate.xml_mapping_enabled", "false")
                .applySetting("hibernate.jdbc.time_zone", "UTC")
                .applySetting("hibernate.show_sql", "false")
                // Lazy collections of the rows a list read (a group's members, an appliance's virtual systems)
                // are loaded for many rows per query, not one query per row.
                .applySetting("hibernate.default_batch_fetch_size", "100")
                // IN lists padded to a power of two: a few statement texts, whose plans the database keeps,
                // instead of one text per list length
                .applySetting("hibernate.query.in_clause_parameter_padding", "true")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            for (Class<?> entity : Entities.ALL) {
                sources.addAnnotatedClass(entity);
            }
            SessionFactory factory = sources.buildMetadata().buildSessionFactory();
            EventListenerRegistry events = factory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                    .requireService(EventListenerRegistry.class);
            events.appendListeners(EventType.POST_COMMIT_INSERT, changes);
            events.appendListeners(EventType.POST_COMMIT_UPDATE, changes);
            events.appendListeners(EventType.POST_COMMIT_DELETE, changes);
            return factory;
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /**
     * Runs work in one transaction, committed when it returns and rolled back when it throws. A transaction that
     * loses an optimistic-lock race (a job wrote the same row meanwhile) is run again from the start, up to
     * three times: the work reads what it needs inside the transaction, so a retry decides on fresh state.
     *
     * @throws JDBCConnectionException at once when the database cannot be reached (see {@link #unreachable}), or
     *     when no connection is free within the pool's connection timeout
     */
    public <T> T inTransaction(Function<Session, T> work) {
        if (unreachable()) {
            throw new JDBCConnectionException("The database cannot be reached", new SQLTransientConnectionException(
                    "The connection pool has no connection left and cannot open one"));
        }
        for (int attempt = 1;; attempt++) {
            try {
                return sessionFactory.fromTransaction(work);
            } catch (OptimisticLockException | StaleStateException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs work that only reads in one transaction, like {@link #inTransaction} but cheaper: the session is
     * read-only (entities it loads keep no snapshot and are never dirty-checked) and never flushes, so neither a
     * query nor the commit compares every loaded row with its snapshot, which for a list of hundreds of rows with
     * their collections cost as much as reading them. A change made to an entity inside it is not written.
     */
    public <T> T read(Function<Session, T> work) {
        return inTransaction(session -> {
            session.setDefaultReadOnly(true);
            session.setHibernateFlushMode(FlushMode.MANUAL);
            return work.apply(session);
        });
    }

    /** Runs work without a result in one transaction, retried like {@link #inTransaction}. */
    public void run(Consumer<Session> work) {
        inTransaction(session -> {
            work.accept(session);
            return null;
        });
    }

    /** @return the committed changes of domain rows, to listen to */
    public StoreChanges changes() {
        return changes;
    }

    /** @return whether a connection can be had and answers a trivial query */
    public boolean isHealthy() {
        if (unreachable()) {
            return false;
        }
        try (var connection = connections.getConnection(); var statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether the database is known to be unreachable: see {@link PatientPool#unreachable()}. */
    private boolean unreachable() {
        return connections.unreachable();
    }

    /**
     * Opens a connection of its own, outside the pool, which the caller keeps and closes: for the leader election's
     * lease (a pool starved by slow requests must not cost the lease) and the leader's LISTEN on PostgreSQL.
     *
     * @param purpose what it is for, shown by PostgreSQL as the connection's application name ({@code osc-purpose})
     * @param timeout how long connecting and each read on the socket may take (PostgreSQL; H2 is in the process)
     * @throws SQLException when the database cannot be reached
     */
    public Connection openOutsidePool(String purpose, Duration timeout) throws SQLException {
        Properties properties = new Properties();
        if (credentials.user() != null) {
            properties.setProperty("user", credentials.user());
        }
        properties.setProperty("password", credentials.password() == null ? "" : credentials.password());
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (postgres) {
            String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
            properties.setProperty("connectTimeout", seconds);
            properties.setProperty("loginTimeout", seconds);
            properties.setProperty("socketTimeout", seconds);
            properties.setProperty("ApplicationName", "osc-" + purpose);
        }
        Driver driver = postgres ? new org.postgresql.Driver() : new org.h2.Driver();
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("No driver accepts " + redact(url));
        }
        return connection;
    }

    /** @return the kind of database: H2 or PostgreSQL */
    public String kind() {
        return url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "H2";
    }

    /** @return the schema version the migrations brought the database to */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** @return the JDBC URL without credentials */
    public String describe() {
        return redact(url);
    }

    @Override
    public void close() {
        try {
            sessionFactory.close();
        } finally {
            dataSource.close();
        }
    }

    /** The user and password the pool connects with, for a connection outside it. */
    private record Credentials(String user, String password) {
        @java.lang.Override
        public String toString() {
            return "Credentials[" + user + "]";
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
