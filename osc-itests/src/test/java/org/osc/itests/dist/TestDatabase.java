package org.osc.itests.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.h2.tools.Server;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.Driver;

/**
 * The database a distribution test runs the server on, of the kind the test is parameterized with: {@code h2}, an
 * H2 database server of the test's own in its folder; {@code postgresql}, the PostgreSQL test server that
 * {@code scripts/test} starts and names in {@code OSC_TEST_PG_URL} ({@code _USER}, {@code _PASSWORD}), with its
 * schema emptied first (the test is reported as aborted when there is none, and fails when {@code OSC_REQUIRE_PG}
 * is set). Optionally the server reaches it through a {@link TcpRelay} that the test can cut and restore.
 */
final class TestDatabase implements AutoCloseable {

    private final String kind;
    private final Server h2;
    private final String host;
    private final int port;
    private final String urlTail;
    private final String user;
    private final String password;
    private TcpRelay relay;

    private TestDatabase(String kind, Server h2, int port, String urlTail, String user, String password) {
        this.kind = kind;
        this.h2 = h2;
        this.host = "127.0.0.1";
        this.port = port;
        this.urlTail = urlTail;
        this.user = user;
        this.password = password;
    }

    /** Starts (H2) or empties (PostgreSQL) the database of the kind. */
    static TestDatabase start(String kind, Path folder) throws SQLException {
        if (kind.equals("h2")) {
            Server server = Server.createTcpServer("-tcpPort", Integer.toString(freePort()), "-ifNotExists", "-baseDir",
                    folder.resolve("h2").toString()).start();
            return new TestDatabase(kind, server, server.getPort(), "/osc", "", "");
        }
        if (!kind.equals("postgresql")) {
            throw new IllegalArgumentException(kind);
        }
        String url = System.getenv("OSC_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if (System.getenv("OSC_REQUIRE_PG") != null) {
                throw new IllegalStateException("OSC_REQUIRE_PG is set but OSC_TEST_PG_URL is not");
            }
            Assumptions.abort("No PostgreSQL test server (OSC_TEST_PG_URL; scripts/pg-test-server starts one)");
        }
        URI address = URI.create(url.substring("jdbc:".length()));
        TestDatabase database = new TestDatabase(kind, null, address.getPort(), address.getRawPath()
                + (address.getRawQuery() == null ? "" : "?" + address.getRawQuery()),
                System.getenv().getOrDefault("OSC_TEST_PG_USER", "osc"),
                System.getenv().getOrDefault("OSC_TEST_PG_PASSWORD", ""));
        try (Connection connection = database.connect(database.port);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
        return database;
    }

    /** From now on the server is given the address of a relay in front of the database, open. */
    TestDatabase relayed() throws IOException {
        relay = new TcpRelay(port);
        relay.restore();
        return this;
    }

    /** Sets the server's database settings. */
    void configure(DistributionProcess server) {
        server.env("OSC_DB_URL", url(relay == null ? port : relay.port()));
        if (kind.equals("postgresql")) {
            server.env("OSC_DB_USER", user).env("OSC_DB_PASSWORD", password);
        }
    }

    /** The database goes away: the relay cuts every connection and refuses new ones. */
    void cut() {
        relay.cut();
    }

    /** The database is back: the relay accepts again. */
    void restore() throws IOException {
        relay.restore();
    }

    /** @return a connection of the test's own, straight to the database (not through the relay) */
    Connection connect() throws SQLException {
        return connect(port);
    }

    private Connection connect(int to) throws SQLException {
        Properties credentials = new Properties();
        if (kind.equals("h2")) {
            return new org.h2.Driver().connect(url(to), credentials);
        }
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        // The driver itself, not DriverManager: the Pax Exam tests before this one in the same JVM can leave
        // DriverManager with a class loader that does not see the driver.
        return new Driver().connect(url(to), credentials);
    }

    private String url(int to) {
        return (kind.equals("h2") ? "jdbc:h2:tcp://" : "jdbc:postgresql://") + host + ":" + to + urlTail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
        }
        if (h2 != null) {
            h2.stop();
        }
    }
}
