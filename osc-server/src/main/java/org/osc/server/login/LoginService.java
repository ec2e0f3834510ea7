package org.osc.server.login;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.osc.server.log.LogSafe;
import org.osc.server.persistence.Database;
import org.osc.server.user.BasicCredentials;
import org.osc.server.user.TooManyChecksException;
import org.osc.server.user.User;
import org.osc.server.user.UserService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins with a user name and password (HTTP Basic), for the REST API and {@code /metrics} alike: throttled per
 * name and per client address ({@link LoginThrottle}), checked by the {@link UserService} (a bounded pool of bcrypt
 * checks, the same cost for unknown names), each lock logged once and told to the {@link LoginListener}s. Attempts
 * with API tokens ({@link #withToken}) are throttled per client address only.
 *
 * <p>An attempt whose name or address is locked is refused ({@link Outcome#LOCKED}, 429) without its password being
 * checked, so a locked-out client costs the server nothing but the answer; it is not counted either. An attempt
 * that finds the pool of checks full is refused at once ({@link Outcome#BUSY}, 503) and not counted (the password
 * was not checked). Every answer is the same for a name no user has as for a user's.
 *
 * <p>When the failed logins cannot be read (they are in the database, which is down), {@link #login} and
 * {@link #withToken} throw the database's error before anything is checked, remembered credentials included (fail
 * closed): the REST API answers it as every request that meets a database outage, 503 with {@code Retry-After}.
 * The credentials could not have been checked against the users either.
 */
@Component(service = LoginService.class, configurationPid = LoginService.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LoginService.Config.class)
public final class LoginService {

    /** Configuration PID, set by the server from its settings ({@code osc.login.*}). */
    public static final String PID = "org.osc.server.login";

    /** How long a client told the server is busy should wait, in seconds. */
    public static final long BUSY_RETRY_SECONDS = 1;

    /** The throttle's settings. */
    @ObjectClassDefinition(name = "OSC login throttling", description = "Set by OSC from etc/osc.properties")
    public @interface Config {
        /** @return the failures of a name that lock it (an address: twice as many) */
        int lockAfterFailures() default 5;

        /** @return the longest lock of a user name, in seconds */
        int nameLockMaxSeconds() default 60;

        /** @return the longest lock of a client address, in seconds */
        int addressLockMaxSeconds() default 900;
    }

    /** What became of a login attempt. */
    public enum Outcome {
        /** The credentials are a user's: {@link Login#user()} says whose. */
        ACCEPTED,
        /** Wrong name or password: 401. */
        REFUSED,
        /** The name or the address is locked: 429 with {@code Retry-After}; the password was not checked. */
        LOCKED,
        /** Too many password checks waiting: 503 with {@code Retry-After}; the password was not checked. */
        BUSY
    }

    /**
     * The answer to an attempt.
     *
     * @param outcome what became of it
     * @param user the user, when accepted; else null
     * @param retryAfterSeconds for {@link Outcome#LOCKED} and {@link Outcome#BUSY}: when to try again (at least 1)
     */
    public record Login(Outcome outcome, User user, long retryAfterSeconds) {
    }

    /**
     * The answer to an attempt with an API token.
     *
     * @param <T> what the token check gives
     * @param outcome what became of it: {@link Outcome#ACCEPTED}, {@link Outcome#REFUSED} or {@link Outcome#LOCKED}
     * @param value the check's answer, when accepted; else null
     * @param retryAfterSeconds for {@link Outcome#LOCKED}: when to try again (at least 1)
     */
    public record TokenAttempt<T>(Outcome outcome, T value, long retryAfterSeconds) {
    }

    /** What an attempt with an API token is called in locks, the log and the listeners (it names no user). */
    public static final String TOKEN = "(API token)";

    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);
    private static final int MAX_NAME = 64;
    private static final Duration UNCOUNTED_LOG_PERIOD = Duration.ofSeconds(30);

    private final UserService users;
    private final LoginThrottle throttle;
    private final List<LoginListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong lastUncountedLog = new AtomicLong();

    /**
     * For the OSGi runtime: the configured throttle over the user service, its counts in the server's database
     * (shared by every replica on it).
     */
    @Activate
    public LoginService(@Reference UserService users, @Reference Database database, Config config) {
        this(users, LoginThrottle.inDatabase(database, Clock.systemUTC(), Math.max(1, config.lockAfterFailures()),
                Duration.ofSeconds(Math.max(1, config.nameLockMaxSeconds())),
                Duration.ofSeconds(Math.max(1, config.addressLockMaxSeconds())), LoginThrottle.CAPACITY));
    }

    /** A login service with the given throttle. */
    public LoginService(UserService users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    /** Adds a listener (DS: every {@link LoginListener} service). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addListener(LoginListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(LoginListener listener) {
        listeners.remove(listener);
    }

    /**
     * An attempt to log in.
     *
     * @param credentials the name and password sent
     * @param clientAddress the socket's peer address (null when unknown)
     * @return what became of it
     */
    public Login login(BasicCredentials credentials, String clientAddress) {
        String name = credentials.name();
        String address = ClientAddresses.key(clientAddress);
        // No user name is longer: a longer one is counted under its start, so a key never takes more memory.
        // PostgreSQL's text holds no NUL character, which a name may carry: counted under U+FFFD in its place.
        String key = (name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "...").replace('\u0000',
                '\uFFFD');
        LoginThrottle.Attempt attempt = throttle.attempt(key, address);
        if (attempt.locked()) {
            tell(name, address, LoginListener.Reason.LOCKED);
            return new Login(Outcome.LOCKED, null, seconds(attempt.lockedFor()));
        }
        Optional<User> user;
        try {
            user = users.authenticate(name, credentials.password());
        } catch (TooManyChecksException e) {
            tell(name, address, LoginListener.Reason.BUSY);
            return new Login(Outcome.BUSY, null, BUSY_RETRY_SECONDS);
        }
        if (user.isPresent()) {
            try {
                throttle.succeeded(attempt);
            } catch (RuntimeException e) {
                // the credentials checked: the login stands; a count left is forgotten in its time
                LOG.debug("Could not record a successful login: {}", e.toString());
            }
            return new Login(Outcome.ACCEPTED, user.get(), 0);
        }
        failed(() -> throttle.failed(key, address), name, address);
        tell(name, address, LoginListener.Reason.WRONG_CREDENTIALS);
        return new Login(Outcome.REFUSED, null, 0);
    }

    /**
     * An attempt with an API token, throttled by the client's address alone: a token names no user whose lock
     * others could set off, and its secret cannot be guessed, so what is held back is a client trying many tokens
     * (their failures count against its address as failed passwords do). A locked address is refused before the
     * token is looked up. A success resets nothing (a client's good token does not clear its failed passwords).
     *
     * @param <T> what the check gives
     * @param clientAddress the socket's peer address (null when unknown)
     * @param check looks the token up: empty when it is unknown, revoked, expired or malformed
     * @return what became of it
     */
    public <T> TokenAttempt<T> withToken(String clientAddress, Supplier<Optional<T>> check) {
        String address = ClientAddresses.key(clientAddress);
        Duration wait = throttle.checkAddress(address);
        if (!wait.isZero()) {
            tell(TOKEN, address, LoginListener.Reason.LOCKED);
            return new TokenAttempt<>(Outcome.LOCKED, null, seconds(wait));
        }
        Optional<T> value = check.get();
        if (value.isPresent()) {
            return new TokenAttempt<>(Outcome.ACCEPTED, value.get(), 0);
        }
        failed(() -> throttle.failedAddress(TOKEN, address), TOKEN, address);
        tell(TOKEN, address, LoginListener.Reason.WRONG_CREDENTIALS);
        return new TokenAttempt<>(Outcome.REFUSED, null, 0);
    }

    /**
     * Counts a failure and announces the locks it began. When it cannot be counted (the database went down since
     * the attempt was read) the attempt is refused all the same (401); the next one finds the store down.
     */
    private void failed(Supplier<List<Lockout>> count, String name, String address) {
        List<Lockout> lockouts;
        try {
            lockouts = count.get();
        } catch (RuntimeException e) {
            uncounted(e);
            return;
        }
        announce(lockouts, name, address);
    }

    /** Logs that a failure could not be counted, at most once every {@link #UNCOUNTED_LOG_PERIOD}. */
    private void uncounted(RuntimeException e) {
        long now = System.nanoTime();
        long last = lastUncountedLog.get();
        if ((last == 0 || now - last >= UNCOUNTED_LOG_PERIOD.toNanos()) && lastUncountedLog.compareAndSet(last,
                now == 0 ? 1 : now)) {
            LOG.warn("A failed login could not be counted ({})", LogSafe.of(e.getMessage()));
        }
    }

    /** Logs each lock once and tells the listeners. */
    private void announce(List<Lockout> lockouts, String name, String address) {
        for (Lockout lockout : lockouts) {
            LOG.warn("Logins locked for {} s: {} '{}' after {} failed logins (the last as '{}' from {})",
                    lockout.duration().toSeconds(), lockout.kind() == Lockout.Kind.NAME ? "user name" : "address",
                    LogSafe.of(lockout.kind() == Lockout.Kind.NAME ? name : address), lockout.failures(),
                    LogSafe.of(name), LogSafe.of(address));
            for (LoginListener listener : listeners) {
                try {
                    listener.lockedOut(lockout);
                } catch (RuntimeException e) {
                    LOG.warn("A login listener failed on a lockout", e);
                }
            }
        }
    }

    private void tell(String name, String address, LoginListener.Reason reason) {
        for (LoginListener listener : listeners) {
            try {
                listener.refused(name, address, reason);
            } catch (RuntimeException e) {
                LOG.warn("A login listener failed on a refused login", e);
            }
        }
    }

    /** @return the wait in whole seconds, rounded up, at least one */
    static long seconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
