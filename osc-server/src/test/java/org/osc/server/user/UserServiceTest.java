package org.osc.server.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.ValidationException;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.testing.FakeClock;

class UserServiceTest {

    @TempDir
    Path dir;

    private Database db;
    private UserService users;

    @BeforeEach
    void open() {
        db = TestDatabases.h2(dir);
        users = new UserService(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theFirstAdminGetsAGeneratedPasswordInAnOwnerOnlyFile() throws Exception {
        AdminBootstrap.ensureAdmin(users, Optional.empty(), dir);
        Path file = dir.resolve(AdminBootstrap.PASSWORD_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String password = Files.readString(file).trim();
        assertTrue(users.authenticate("admin", password).isPresent());

        AdminBootstrap.ensureAdmin(users, Optional.of("other-password"), dir);
        assertTrue(users.authenticate("admin", "other-password").isEmpty(), "only a database without users");
    }

    @Test
    void invalidInputNamesTheField() {
        assertEquals("name", assertThrows(ValidationException.class,
                () -> users.create("bad name", "long-enough", "admin")).errors().get(0).field());
        assertEquals("password", assertThrows(ValidationException.class,
                () -> users.create("bob", "short", "admin")).errors().get(0).field());
        assertEquals("role", assertThrows(ValidationException.class,
                () -> users.create("bob", "long-enough", "root")).errors().get(0).field());
        assertThrows(NotFoundException.class, () -> users.get("nobody"));
    }

    @Test
    void theLastAdminStays() {
        users.create("root", "long-enough", "admin");
        assertThrows(ConflictException.class, () -> users.delete("root"));
        assertThrows(ConflictException.class, () -> users.update("root", null, "auditor"));
        users.create("second", "long-enough", "admin");
        users.delete("root");
        assertEquals(1, users.list().size());
    }

    @Test
    void aVerifiedCredentialIsRememberedOnlyExactlyAndOnlyUntilItExpires() {
        FakeClock clock = new FakeClock();
        UserService cached = new UserService(db, clock);
        cached.create("dave", "first-password", "admin");
        assertTrue(cached.authenticate("dave", "first-password").isPresent());
        assertTrue(cached.authenticate("dave", "first-passwore").isEmpty(), "only the exact credential");
        // Another replica on the same database changes the password: this one notices when its entry expires.
        new UserService(db, clock).update("dave", "second-password", null);
        assertTrue(cached.authenticate("dave", "first-password").isPresent(), "still remembered");
        clock.advance(UserService.CACHE_TTL.plusSeconds(1));
        assertTrue(cached.authenticate("dave", "first-password").isEmpty(), "expired: checked against the store");
        assertTrue(cached.authenticate("dave", "second-password").isPresent());
    }

    @Test
    void clientsArrivingTogetherWithOneCredentialAreAllAnswered() throws Exception {
        users.create("erin", "erin-password", "auditor");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Optional<User>>> right = new ArrayList<>();
            List<Future<Optional<User>>> wrong = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                right.add(pool.submit(() -> users.authenticate("erin", "erin-password")));
                wrong.add(pool.submit(() -> users.authenticate("erin", "not-erins-password")));
            }
            for (Future<Optional<User>> f : right) {
                assertEquals("erin", f.get(30, TimeUnit.SECONDS).orElseThrow().name());
            }
            for (Future<Optional<User>> f : wrong) {
                assertTrue(f.get(30, TimeUnit.SECONDS).isEmpty());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownNameCostsAPasswordCheckOnTheBoundedPoolAsAUsersDoes() throws Exception {
        users.create("frank", "franks-password", "admin");
        try (PasswordChecks pool = new PasswordChecks(1, 0)) {
            UserService bounded = new UserService(db, Clock.systemUTC(), pool);
            CountDownLatch release = new CountDownLatch(1);
            pool.submit(() -> {
                try {
                    return release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return false;
                }
            }, false);
            // The one thread is taken and nothing may wait: every check that needs bcrypt is refused at once.
            assertThrows(TooManyChecksException.class, () -> bounded.authenticate("frank", "wrong-password"));
            assertThrows(TooManyChecksException.class, () -> bounded.authenticate("nobody", "wrong-password"));
            // A name no user can have needs no check.
            assertTrue(bounded.authenticate("no body", "wrong-password").isEmpty());
            release.countDown();
            Thread.sleep(100);
            assertTrue(bounded.authenticate("nobody", "wrong-password").isEmpty());
            assertTrue(bounded.authenticate("frank", "franks-password").isPresent());
        }
    }

    @Test
    void aChangedPasswordReplacesTheOldOneAtOnce() {
        users.create("carol", "first-password", "auditor");
        assertTrue(users.authenticate("carol", "first-password").isPresent());
        users.update("carol", "second-password", null);
        assertTrue(users.authenticate("carol", "first-password").isEmpty(), "the remembered check is forgotten");
        assertTrue(users.authenticate("carol", "second-password").isPresent());
    }

    @Test
    void passwordsBcryptCannotHashAreRefusedNamingTheField() {
        ValidationException tooLong = assertThrows(ValidationException.class,
                () -> users.create("bob", "p".repeat(73), "admin"));
        assertEquals("password: must be at most 72 bytes in UTF-8 (bcrypt uses no more)", tooLong.getMessage());
        // 36 two-byte characters are 72 bytes; 37 are too many even though they are only 37 characters.
        users.create("bob", "é".repeat(36), "admin");
        assertThrows(ValidationException.class, () -> users.update("bob", "é".repeat(37), null));
        assertEquals("password: must not contain NUL characters", assertThrows(ValidationException.class,
                () -> users.update("bob", "password\u0000", null)).getMessage());
    }

    @Test
    void credentialsNoUserCanHaveFailWithoutAnError() {
        users.create("bob", "password-1", "admin");
        assertTrue(users.authenticate("bob", "x".repeat(10_000)).isEmpty());
        assertTrue(users.authenticate("bob", "password-1\u0000").isEmpty());
        assertTrue(users.authenticate("bob\u0000", "password-1").isEmpty());
        assertTrue(users.authenticate("bob\nINFO forged", "password-1").isEmpty());
        assertTrue(users.authenticate("bob", "password-1").isPresent());
    }

    @Test
    void aNameNoUserCanHaveNamesNothing() {
        assertThrows(NotFoundException.class, () -> users.get("bob\u0000"));
        assertThrows(NotFoundException.class, () -> users.update("x".repeat(100), "password-2", null));
        assertThrows(NotFoundException.class, () -> users.delete("a\nb"));
    }
}
