package org.osc.server.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.login.LoginService.Outcome;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.user.BasicCredentials;
import org.osc.server.user.PasswordChecks;
import org.osc.server.user.UserService;

/**
 * The login service with its counts in the database, as the server runs it: refusals of a locked name stay cheap
 * (measured, printed as {@code THROTTLE ...} lines), and when the database is down every login fails before any
 * check (the REST API answers 503).
 */
class LoginServiceDatabaseTest {

    private static final String ADDRESS = "192.0.2.5";
    private static final int REFUSALS = 2000;

    @TempDir
    Path dir;

    private Database db;
    private UserService users;
    private LoginService logins;
    private final List<String> refusals = new ArrayList<>();

    private LoginThrottle throttle;

    private void open(String kind) {
        db = TestDatabases.open(kind, dir);
        users = new UserService(db, Clock.systemUTC(), new PasswordChecks(1, 4));
        users.create("carol", "carols-password", "admin");
        throttle = LoginThrottle.inDatabase(db, Clock.systemUTC(), 5, Duration.ofSeconds(60),
                Duration.ofMinutes(15), 1000);
        logins = new LoginService(users, throttle);
        logins.addListener(new LoginListener() {
            @Override
            public void lockedOut(Lockout lockout) {
            }

            @Override
            public void refused(String name, String address, Reason reason) {
                refusals.add(reason.label());
            }
        });
    }

    @AfterEach
    void close() {
        if (users != null) {
            users.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void whenTheDatabaseIsDownLoginsAndTokensFailBeforeAnyCheck(String kind) {
        open(kind);
        assertEquals(Outcome.ACCEPTED, logins.login(new BasicCredentials("carol", "carols-password"), ADDRESS)
                .outcome(), "remembered: the next check needs no bcrypt, only the throttle's read");
        db.close();
        // The database's error, which the REST API answers 503 with Retry-After (as any request in an outage).
        assertThrows(RuntimeException.class, () -> logins.login(new BasicCredentials("carol", "carols-password"),
                ADDRESS), "fail closed, even with remembered credentials");
        int[] lookups = {0};
        assertThrows(RuntimeException.class, () -> logins.withToken(ADDRESS, () -> {
            lookups[0]++;
            return Optional.of("good");
        }));
        assertEquals(0, lookups[0], "the token is not looked up");
        assertEquals(List.of(), refusals, "nothing was refused: nothing could be checked");
        db = null;
    }

    @ParameterizedTest
    @ValueSource(strings = { "memory", "h2", "postgresql" })
    void refusalsOfALockedNameStayCheap(String kind) {
        open("memory".equals(kind) ? "h2" : kind);
        if ("memory".equals(kind)) {
            throttle = new LoginThrottle(Clock.systemUTC(), 5, Duration.ofSeconds(60), Duration.ofMinutes(15), 1000);
            logins = new LoginService(users, throttle);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(Outcome.REFUSED, logins.login(new BasicCredentials("carol", "wrong-" + i), ADDRESS)
                    .outcome());
        }
        for (int i = 0; i < 8; i++) {
            throttle.failed("carol", ADDRESS); // as failures on other replicas: the lock grows to its cap, 60 s
        }
        for (int i = 0; i < 200; i++) { // warm; the first attempt of each address reads the lock
            logins.login(new BasicCredentials("carol", "warm"), "203.0.113." + (i % 200));
        }
        long start = System.nanoTime();
        int locked = 0;
        for (int i = 0; i < REFUSALS; i++) {
            if (logins.login(new BasicCredentials("carol", "guess-" + i), "203.0.113." + (i % 200)).outcome()
                    == Outcome.LOCKED) {
                locked++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = REFUSALS / seconds;
        System.out.printf("THROTTLE %s: %d refusals of a locked name in %.3f s: %.0f/s, %.1f us each%n", kind,
                REFUSALS, seconds, perSecond, seconds * 1e6 / REFUSALS);
        assertEquals(REFUSALS, locked, "every attempt refused while locked (the lock lasts a minute here)");
        // a bcrypt check costs about 60 ms: a refusal must cost a small fraction of one
        assertTrue(perSecond > 300, "refusals/s " + perSecond);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aNameWithANulCharacterIsRefusedAndCountedLikeAnyOther(String kind) {
        open(kind);
        // PostgreSQL's text cannot hold NUL: stored as is, the count would fail the request (a 400, not a 401)
        for (int i = 0; i < 5; i++) {
            assertEquals(Outcome.REFUSED, logins.login(new BasicCredentials("car\u0000ol", "carols-password"),
                    ADDRESS).outcome());
        }
        assertEquals(Outcome.LOCKED, logins.login(new BasicCredentials("car\u0000ol", "carols-password"), ADDRESS)
                .outcome(), "counted: locked after five");
        assertEquals(Outcome.ACCEPTED, logins.login(new BasicCredentials("carol", "carols-password"), ADDRESS)
                .outcome(), "not the user's own count");
    }
}
