package org.osc.server.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Assumptions;

/**
 * The databases the store tests run on: an H2 file database in a temporary folder, and PostgreSQL when
 * {@code OSC_TEST_PG_URL} names one (the test script starts a throwaway server). Without it the PostgreSQL
 * runs are skipped, unless {@code OSC_REQUIRE_PG} is set (as in CI), where they fail instead.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** @return a new H2 file database under the folder, migrated */
    public static Database h2(Path dir) {
        return Database.open("jdbc:h2:file:" + dir.resolve("osc") + ";WRITE_DELAY=0", "", "", 4);
    }

    /** @return the test PostgreSQL database, emptied and migrated; skips (or fails in CI) when there is none */
    public static Database postgres() {
        String url = System.getenv("OSC_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if (System.getenv("OSC_REQUIRE_PG") != null) {
                throw new IllegalStateException("OSC_REQUIRE_PG is set but OSC_TEST_PG_URL is not");
            }
            Assumptions.abort("No PostgreSQL test server (OSC_TEST_PG_URL)");
        }
        String user = System.getenv().getOrDefault("OSC_TEST_PG_USER", "osc");
        String password = System.getenv().getOrDefault("OSC_TEST_PG_PASSWORD", "");
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset the PostgreSQL test database: " + e.getMessage(), e);
        }
        return Database.open(url, user, password, 4);
    }

    /**
     * @return another handle on the database {@link #open} opened, as a second OSC replica opens it (nothing is
     *     reset)
     */
    public static Database openAgain(String kind, Path dir) {
        if (!"postgresql".equals(kind)) {
            return h2(dir);
        }
        return Database.open(System.getenv("OSC_TEST_PG_URL"),
                System.getenv().getOrDefault("OSC_TEST_PG_USER", "osc"),
                System.getenv().getOrDefault("OSC_TEST_PG_PASSWORD", ""), 4);
    }

    /** @return the named database: "h2" (in the folder) or "postgresql" */
    public static Database open(String kind, Path dir) {
        return "postgresql".equals(kind) ? postgres() : h2(dir);
    }
}
