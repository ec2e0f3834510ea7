package org.osc.server.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.login.LoginService.Login;
import org.osc.server.login.LoginService.Outcome;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.testing.FakeClock;
import org.osc.server.user.BasicCredentials;
import org.osc.server.user.PasswordChecks;
import org.osc.server.user.UserService;

class LoginServiceTest {

    private static final String ADDRESS = "192.0.2.5";

    @TempDir
    Path dir;

    private Database db;
    private PasswordChecks pool;
    private UserService users;
    private final FakeClock clock = new FakeClock();
    private LoginService logins;
    private final List<Lockout> lockouts = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();

    @BeforeEach
    void open() {
        db = TestDatabases.h2(dir);
        pool = new PasswordChecks(1, 0);
        users = new UserService(db, Clock.systemUTC(), pool);
        users.create("carol", "carols-password", "admin");
        logins = new LoginService(users, new LoginThrottle(clock, 5, Duration.ofSeconds(60), Duration.ofMinutes(15),
                1000));
        logins.addListener(new LoginListener() {
            @Override
            public void lockedOut(Lockout lockout) {
                lockouts.add(lockout);
            }

            @Override
            public void refused(String name, String address, Reason reason) {
                refusals.add(name + "@" + address + ":" + reason.label());
            }
        });
    }

    @AfterEach
    void close() {
        users.close();
        db.close();
    }

    @Test
    void wrongPasswordsLockTheNameUntilTheLockIsOverThenTheRightOneWorks() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Outcome.REFUSED, login("carol", "wrong-password-" + i).outcome());
        }
        assertEquals(1, lockouts.size(), "one lockout, reported once");
        for (int i = 0; i < 15; i++) {
            Login locked = login("carol", i == 14 ? "carols-password" : "wrong-again");
            assertEquals(Outcome.LOCKED, locked.outcome(), "even the right password while locked");
            assertEquals(1, locked.retryAfterSeconds());
        }
        assertEquals(1, lockouts.size(), "refusals while locked begin no new lock");
        assertEquals("carol@" + ADDRESS + ":locked", refusals.get(refusals.size() - 1));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Outcome.ACCEPTED, login("carol", "carols-password").outcome());
        assertEquals("carol", login("carol", "carols-password").user().name());
    }

    @Test
    void anUnknownNameIsAnsweredAsAUsersName() {
        List<Outcome> user = new ArrayList<>();
        List<Outcome> unknown = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            user.add(login("carol", "wrong-password").outcome());
            unknown.add(logins.login(new BasicCredentials("mallory", "wrong-password"), "192.0.2.99").outcome());
        }
        assertEquals(user, unknown);
        assertEquals(List.of(Lockout.Kind.NAME, Lockout.Kind.NAME),
                lockouts.stream().map(Lockout::kind).toList());
    }

    @Test
    void aFullPoolOfChecksIsBusyForUsersAndUnknownNamesAlikeAndCountsNoFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        pool.submit(() -> {
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        }, false);
        try {
            for (int i = 0; i < 10; i++) {
                Login busy = logins.login(new BasicCredentials(i % 2 == 0 ? "carol" : "nobody", "wrong-password"),
                        ADDRESS);
                assertEquals(Outcome.BUSY, busy.outcome());
                assertEquals(LoginService.BUSY_RETRY_SECONDS, busy.retryAfterSeconds());
            }
        } finally {
            release.countDown();
        }
        assertTrue(lockouts.isEmpty(), "a password not checked is no failure");
        // The blocking check ends; the next one has room.
        Thread.sleep(100);
        assertEquals(Outcome.ACCEPTED, login("carol", "carols-password").outcome());
    }

    @Test
    void aSuccessResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            login("carol", "wrong-password");
        }
        assertEquals(Outcome.ACCEPTED, login("carol", "carols-password").outcome());
        for (int i = 0; i < 4; i++) {
            assertEquals(Outcome.REFUSED, login("carol", "wrong-password").outcome());
        }
        assertTrue(lockouts.isEmpty());
    }

    private Login login(String name, String password) {
        return logins.login(new BasicCredentials(name, password), ADDRESS);
    }

    @Test
    void badApiTokensLockTheirAddressAloneAndALockedAddressIsNotLookedUp() {
        int[] lookups = {0};
        Supplier<Optional<String>> unknown = () -> {
            lookups[0]++;
            return Optional.empty();
        };
        for (int i = 0; i < 9; i++) {
            assertEquals(Outcome.REFUSED, logins.withToken(ADDRESS, unknown).outcome());
        }
        LoginService.TokenAttempt<String> tenth = logins.withToken(ADDRESS, unknown);
        assertEquals(Outcome.REFUSED, tenth.outcome(), "the tenth is refused and locks the address");
        assertEquals(1, lockouts.size());
        assertEquals(Lockout.Kind.ADDRESS, lockouts.get(0).kind());

        LoginService.TokenAttempt<String> locked = logins.withToken(ADDRESS, () -> Optional.of("good"));
        assertEquals(Outcome.LOCKED, locked.outcome(), "even a good token from a locked address");
        assertTrue(locked.retryAfterSeconds() >= 1);
        assertEquals(10, lookups[0], "a locked address's tokens are not looked up");
        assertEquals(Outcome.LOCKED, logins.login(new BasicCredentials("carol", "carols-password"), ADDRESS)
                .outcome(), "and its passwords are not checked");

        assertEquals("good", logins.withToken("192.0.2.99", () -> Optional.of("good")).value(),
                "another address is not locked");
        assertEquals(Outcome.ACCEPTED, logins.login(new BasicCredentials("carol", "carols-password"), "192.0.2.99")
                .outcome(), "nor is any user name");
        clock.advance(Duration.ofSeconds(2));
        assertEquals("good", logins.withToken(ADDRESS, () -> Optional.of("good")).value(),
                "after the lock");
    }
}
