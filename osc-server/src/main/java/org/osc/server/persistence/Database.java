package org.osc.server.persistence;

import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
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
import org.osc.server.config.OscSettings;
import org.osc.server.config.OscSettings.Key;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import jakarta.persistence.OptimisticLockException;

/**
 * The server's database: a pooled connection, a schema brought up to date by versioned migrations, and a
 * Hibernate session factory over the entity classes of {@link Entities}.
 *
 * <p>Plain Java so that stores can be tested on H2 and PostgreSQL without a framework. Inside OSGi all the
 * libraries it uses are embedded in this bundle, so this bundle's class loader serves as the context class
 * loader while Flyway and Hibernate bootstrap (both look resources up through it).
 */
@Component(service = Database.class)
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private HikariDataSource dataSource;
    private SessionFactory sessionFactory;
    private String url;
    private String schemaVersion;
    private StoreChanges changes;

    /** For the OSGi runtime, which activates it from the settings; tests use {@link #open}. */
    public Database() {
    }

    private Database(HikariDataSource dataSource, SessionFactory sessionFactory, String url, String schemaVersion,
            StoreChanges changes) {
        init(dataSource, sessionFactory, url, schemaVersion, changes);
    }

    private void init(HikariDataSource pool, SessionFactory factory, String jdbcUrl, String version,
            StoreChanges storeChanges) {
        this.dataSource = pool;
        this.sessionFactory = factory;
        this.url = jdbcUrl;
        this.schemaVersion = version;
        this.changes = storeChanges;
    }

    @Activate
    void activate() {
        OscSettings settings = OscSettings.load();
        Database opened = open(settings.jdbcUrl(), settings.get(Key.DB_USER), settings.get(Key.DB_PASSWORD),
                settings.getInt(Key.DB_POOL_SIZE));
        init(opened.dataSource, opened.sessionFactory, opened.url, opened.schemaVersion, opened.changes);
    }

    @Deactivate
    void deactivate() {
        close();
    }

    /**
     * Connects, migrates the schema and builds the session factory.
     *
     * @throws IllegalStateException with a readable reason when the database cannot be reached or migrated
     */
    public static Database open(String url, String user, String password, int poolSize) {
        ClassLoader own = Database.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(own);
        HikariDataSource dataSource = null;
        try {
            dataSource = pool(url, user, password, poolSize);
            MigrateResult migrated = Flyway.configure(own).dataSource(dataSource)
                    .locations("classpath:db/migration").load().migrate();
            LOG.info("Database {} at schema version {} ({} migrations applied)", redact(url),
                    migrated.targetSchemaVersion, migrated.migrationsExecuted);
            String version = migrated.targetSchemaVersion != null ? migrated.targetSchemaVersion
                    : migrated.initialSchemaVersion;
            StoreChanges changes = new StoreChanges();
            return new Database(dataSource, sessionFactory(dataSource, own, changes), url, version, changes);
        } catch (RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            throw new IllegalStateException("Cannot open database " + redact(url) + ": " + rootMessage(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static HikariDataSource pool(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDriverClassName(url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : "org.h2.Driver");
        if (!url.startsWith("jdbc:h2:")) {
            config.setUsername(user);
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("osc-db");
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static SessionFactory sessionFactory(DataSource dataSource, ClassLoader loader, StoreChanges changes) {
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySetting("hibernate.connection.datasource", dataSource)
                .applySetting("hibernate.hbm2ddl.auto", "none")
                .applySetting("hibernate.xml_mapping_enabled", "false")
                .applySetting("hibernate.jdbc.time_zone", "UTC")
                .applySetting("hibernate.show_sql", "false")
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
     */
    public <T> T inTransaction(Function<Session, T> work) {
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
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (Exception e) {
            return false;
        }
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
