package org.osc.server.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.OscException;
import org.osc.server.error.ValidationException;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.StoreErrors;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.testing.FakeClock;
import org.osc.server.user.Role;
import org.osc.server.user.User;
import org.osc.server.user.UserService;

/** The token store and checks on H2 and, when the test server is there, PostgreSQL. */
class TokenServiceTest {

    @TempDir
    Path dir;

    private Database db;
    private UserService users;
    private TokenService tokens;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00.123456789Z"));
    private User admin;
    private User auditor;

    private void open(String kind) {
        db = TestDatabases.open(kind, dir);
        users = new UserService(db, Clock.systemUTC());
        tokens = new TokenService(db, users, clock);
        admin = users.create("alice", "alice-password", "admin");
        users.create("root", "root-password", "admin");
        auditor = users.create("bob", "bob-password", "auditor");
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aTokenWorksUntilItIsRevoked(String kind) {
        open(kind);
        CreatedToken created = tokens.create(admin, "ci", null, null, "30d");
        assertEquals(Role.ADMIN, created.token().role());
        assertEquals(clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MILLIS),
                created.token().expiresAt());
        assertEquals(created.token(), tokens.get(created.token().id(), admin), "answered as stored");

        TokenAuthentication auth = tokens.authenticate(created.secret()).orElseThrow();
        assertEquals("alice", auth.user().name());
        assertEquals(Role.ADMIN, auth.user().role());
        assertEquals("ci", auth.tokenName());
        assertEquals(List.of("ci"), tokens.listOf("alice").stream().map(ApiToken::name).toList());
        assertEquals("ci", tokens.get(created.token().id(), admin).name());

        tokens.revoke(created.token().id(), admin);
        assertTrue(tokens.authenticate(created.secret()).isEmpty());
        assertEquals(List.of(), tokens.listOf("alice"));
        assertThrows(NotFoundException.class, () -> tokens.get(created.token().id(), admin));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void anExpiredTokenFailsEvenWhenItWasJustUsed(String kind) {
        open(kind);
        CreatedToken created = tokens.create(admin, "short", null, null, "10s");
        assertTrue(tokens.authenticate(created.secret()).isPresent());
        clock.advance(Duration.ofSeconds(9));
        assertTrue(tokens.authenticate(created.secret()).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(tokens.authenticate(created.secret()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aWrongSecretForAKnownIdFailsWhetherOrNotTheTokenIsRemembered(String kind) {
        open(kind);
        CreatedToken created = tokens.create(admin, "ci", null, null, null);
        String forged = TokenSecret.generate(created.token().id()).text();
        assertTrue(tokens.authenticate(forged).isEmpty());
        assertTrue(tokens.authenticate(created.secret()).isPresent());
        assertTrue(tokens.authenticate(forged).isEmpty());
        assertTrue(tokens.authenticate("osc_999999_" + created.secret().substring(created.secret().length() - 43))
                .isEmpty());
        assertTrue(tokens.authenticate("not a token").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void onlyTheHashIsStored(String kind) {
        open(kind);
        CreatedToken created = tokens.create(admin, "ci", null, null, null);
        TokenSecret secret = TokenSecret.parse(created.secret()).orElseThrow();
        List<String> stored = db.read(session -> session
                .createNativeQuery("select secret_hash from api_token", String.class).getResultList());
        assertEquals(List.of(secret.hashHex()), stored);
        assertFalse(stored.get(0).contains(secret.secret()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void namesAreUniquePerUser(String kind) {
        open(kind);
        tokens.create(admin, "ci", null, null, null);
        ConflictException conflict = assertThrows(ConflictException.class,
                () -> tokens.create(admin, "ci", null, null, null));
        assertEquals("name", conflict.errors().get(0).field());
        tokens.create(auditor, "ci", null, null, null);
        assertEquals(2, tokens.listAll().size());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void ofConcurrentCreatesOfOneNameOneWinsAndTheOthersAreConflicts(String kind) throws Exception {
        open(kind);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(pool.submit(() -> tokens.create(admin, "race", null, null, null)));
            }
            int won = 0;
            for (Future<?> attempt : attempts) {
                try {
                    attempt.get();
                    won++;
                } catch (ExecutionException e) {
                    // a loser either saw the winner's row or hit the unique constraint, which the REST layer
                    // answers through StoreErrors: 409 naming the field either way
                    OscException refused = e.getCause() instanceof OscException known ? known
                            : StoreErrors.of(e.getCause()).orElseThrow(() -> new AssertionError(e.getCause()));
                    assertInstanceOf(ConflictException.class, refused, refused.toString());
                    assertEquals("name", refused.errors().get(0).field());
                }
            }
            assertEquals(1, won);
            assertEquals(1, tokens.listOf("alice").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void anAuditorCannotMakeAnAdminToken(String kind) {
        open(kind);
        ValidationException refused = assertThrows(ValidationException.class,
                () -> tokens.create(auditor, "x", "admin", null, null));
        assertEquals("role", refused.errors().get(0).field());
        assertEquals(Role.AUDITOR, tokens.create(auditor, "x", null, null, null).token().role());
        assertEquals(Role.AUDITOR, tokens.create(admin, "y", "auditor", null, null).token().role());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aUserWhoseRoleDropsLosesTheTokensHigherPowerAtOnce(String kind) {
        open(kind);
        CreatedToken created = tokens.create(admin, "ci", null, null, null);
        assertEquals(Role.ADMIN, tokens.authenticate(created.secret()).orElseThrow().user().role());
        users.update("alice", null, "auditor");
        assertEquals(Role.AUDITOR, tokens.authenticate(created.secret()).orElseThrow().user().role());
        users.update("alice", null, "admin");
        assertEquals(Role.ADMIN, tokens.authenticate(created.secret()).orElseThrow().user().role());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aRemovedUsersTokensAreGone(String kind) {
        open(kind);
        CreatedToken created = tokens.create(auditor, "ci", null, null, null);
        assertTrue(tokens.authenticate(created.secret()).isPresent());
        users.delete("bob");
        assertTrue(tokens.authenticate(created.secret()).isEmpty());
        assertEquals(List.of(), tokens.listAll());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void anotherUsersTokenLooksAbsentExceptToAnAdmin(String kind) {
        open(kind);
        long id = tokens.create(users.get("root"), "ops", null, null, null).token().id();
        assertThrows(NotFoundException.class, () -> tokens.get(id, auditor));
        assertThrows(NotFoundException.class, () -> tokens.revoke(id, auditor));
        assertEquals("root", tokens.get(id, admin).user());
        tokens.revoke(id, admin);
        assertEquals(List.of(), tokens.listOf("root"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void lastUseIsWrittenAtMostOnceAMinute(String kind) {
        open(kind);
        CreatedToken created = tokens.create(admin, "ci", null, null, null);
        long id = created.token().id();
        assertNull(tokens.get(id, admin).lastUsedAt());
        Instant first = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        tokens.authenticate(created.secret());
        assertEquals(first, tokens.get(id, admin).lastUsedAt());
        clock.advance(Duration.ofSeconds(59));
        tokens.authenticate(created.secret());
        assertEquals(first, tokens.get(id, admin).lastUsedAt());
        clock.advance(Duration.ofSeconds(1));
        tokens.authenticate(created.secret());
        assertEquals(clock.instant().truncatedTo(ChronoUnit.MILLIS), tokens.get(id, admin).lastUsedAt());
    }

}
