package org.osc.server.user;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.hibernate.Session;
import org.osc.server.config.Secrets;
import org.osc.server.domain.Limits;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.Texts;
import org.osc.server.error.ValidationException;
import org.osc.server.persistence.Database;
import org.osc.server.secret.SecretKeyService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Users and their credentials, stored in the database with bcrypt hashes.
 *
 * <p>bcrypt is slow on purpose (about 60 ms of CPU a check here), and HTTP Basic presents the password with every
 * request, so a successful check is remembered for {@link #CACHE_TTL}, per user, as an HMAC of name and password
 * under a key drawn at random when the service starts and kept in memory only (never the password, nor a plain
 * hash that could be looked up in a table). Only that exact credential of that user is accepted from memory;
 * anything else goes to bcrypt. The entry is dropped whenever the user changes (password, role, removal): here at
 * once, and on the other replicas of a PostgreSQL database as soon as they hear of it ({@link AuthChannel},
 * {@link AuthNotifications}); it also expires by itself, which bounds how long a change whose notification was lost
 * takes to apply. Requests that arrive together with the same credential share one bcrypt check instead of each doing
 * their own (a burst of clients at start-up used to cost one check per client).
 *
 * <p>Every bcrypt check runs on a small bounded pool ({@link PasswordChecks}: {@code osc.login.checkThreads} threads,
 * {@code osc.login.checkQueue} waiting), so that wrong passwords, which the cache never answers, take no more CPU
 * than that pool has; a check that finds it full fails at once ({@link TooManyChecksException}). A name no user has
 * costs the same as a wrong password of a user: its password is checked against a hash of the same cost
 * ({@link PasswordHasher#dummy()}) on the same pool, and the answer is the same. Only a name or password no user can
 * have (wrong characters, too long) is refused without a check: that tells nothing about which users exist.
 */
@Component(service = UserService.class, configurationPid = UserService.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = UserService.Config.class)
public final class UserService {

    /** Configuration PID, set by the server from its settings. */
    public static final String PID = "org.osc.server.users";

    /** The user service's configuration; the first admin's password is not in it but in {@link Secrets}. */
    @ObjectClassDefinition(name = "OSC users", description = "Set by OSC from its home folder")
    public @interface Config {
        /** @return the data folder, where a generated password of the first admin is written */
        String dataDir();

        /** @return how many bcrypt checks run at once; 0 for half the processors (at least one) */
        int checkThreads() default 0;

        /** @return how many bcrypt checks may wait beyond those running; more are refused at once */
        int checkQueue() default DEFAULT_CHECK_QUEUE;
    }

    /** How many bcrypt checks may wait by default. */
    public static final int DEFAULT_CHECK_QUEUE = 16;

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MIN_PASSWORD = 8;
    /** How long a verified credential is accepted without bcrypt. */
    static final Duration CACHE_TTL = Duration.ofSeconds(60);

    private final Database database;
    private final Clock clock;
    private final PasswordChecks pool;
    private final Mac mac;
    private final Map<String, CachedCheck> checks = new ConcurrentHashMap<>();
    private final Map<Digest, CompletableFuture<Optional<User>>> verifying = new ConcurrentHashMap<>();
    /** Counts changes of users, so that a check that overlapped one is not remembered. */
    private final AtomicLong changes = new AtomicLong();

    private record CachedCheck(Digest digest, User user, Instant expires) {
    }

    /** An HMAC of a presented credential, compared in constant time. */
    private record Digest(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Digest d && MessageDigest.isEqual(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** A user service over the given database, checking passwords on a pool of the default size. */
    public UserService(Database database, Clock clock) {
        this(database, clock, new PasswordChecks(defaultThreads(), DEFAULT_CHECK_QUEUE));
    }

    /** A user service over the given database, checking passwords on the given pool (which it closes). */
    public UserService(Database database, Clock clock, PasswordChecks pool) {
        this.database = database;
        this.clock = clock;
        this.pool = pool;
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * For the OSGi runtime: also creates the first admin when the database has no user. It waits for the secret
     * keys to be checked against the database ({@code keys}), so that no request is served before.
     */
    @Activate
    public UserService(@Reference Database database, @Reference Secrets secrets, @Reference SecretKeyService keys,
            Config config) {
        this(database, Clock.systemUTC(), new PasswordChecks(config.checkThreads() > 0 ? config.checkThreads()
                : defaultThreads(), Math.max(0, config.checkQueue())));
        AdminBootstrap.ensureAdmin(this, secrets.adminPassword(), Path.of(config.dataDir()));
    }

    /** Stops the pool of password checks. */
    @Deactivate
    public void close() {
        pool.close();
    }

    /** @return half the processors, at least one: a flood of wrong passwords leaves the other half to requests */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * @return the user when the name exists and the password matches, else empty
     * @throws TooManyChecksException when the password had to be checked and the pool of checks was full
     */
    public Optional<User> authenticate(String name, String password) {
        // A name or password no user can have fails here, before the database or bcrypt could refuse it.
        if (!isName(name) || password == null || !isPassword(password)) {
            return Optional.empty();
        }
        Digest digest = digest(name, password);
        CachedCheck cached = checks.get(name);
        boolean known = cached != null && cached.digest.equals(digest);
        if (known && clock.instant().isBefore(cached.expires)) {
            return Optional.of(cached.user);
        }
        CompletableFuture<Optional<User>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<User>> running = verifying.putIfAbsent(digest, mine);
        if (running != null) {
            return joined(running);
        }
        try {
            long changesBefore = changes.get();
            Optional<Stored> stored = database.read(session -> byName(session, name)
                    .map(entity -> new Stored(entity.toUser(), entity.getPasswordHash())));
            // An unknown name costs what a wrong password does: a check of the same cost on the same pool.
            String hash = stored.map(Stored::hash).orElseGet(PasswordHasher::dummy);
            boolean verified = joined(pool.submit(() -> PasswordHasher.verify(password, hash), known));
            Optional<User> user = verified ? stored.map(Stored::user) : Optional.empty();
            // A user changed while this check ran (its old password checked, say) is not remembered as it was.
            if (user.isPresent() && changes.get() == changesBefore) {
                checks.put(name, new CachedCheck(digest, user.get(), clock.instant().plus(CACHE_TTL)));
            }
            mine.complete(user);
            return user;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            verifying.remove(digest, mine);
        }
    }

    /** A user as stored, with the hash of their password. */
    private record Stored(User user, String hash) {
    }

    /**
     * Forgets the verified credential of the user: the next request is checked against the store again. (A lockout
     * ({@code org.osc.server.login}) needs no call: it refuses before the cache is asked.)
     */
    void forget(String name) {
        changes.incrementAndGet();
        checks.remove(name);
    }

    /**
     * Forgets what is remembered of a user another replica changed or removed ({@link AuthNotifications}): their
     * verified credential, and (through {@link #changeCount}) every verified API token.
     */
    public void changedElsewhere(String name) {
        forget(name);
    }

    /** Forgets every verified credential (and every verified API token): changes may have been missed. */
    public void forgetAll() {
        changes.incrementAndGet();
        checks.clear();
    }

    /**
     * @return a number that changes whenever a user is changed or removed here or elsewhere, so that what was
     *         remembered about users elsewhere (verified API tokens) can be dropped at once
     */
    public long changeCount() {
        return changes.get();
    }

    /** @return the shared check's answer, or what it threw as itself (a database outage stays a 503) */
    private static <T> T joined(CompletableFuture<T> check) {
        try {
            return check.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** @return every user, by name */
    public List<User> list() {
        return database.read(session -> session
                .createSelectionQuery("from UserEntity order by name", UserEntity.class).getResultList()
                .stream().map(UserEntity::toUser).toList());
    }

    /** @return the named user; NotFoundException otherwise */
    public User get(String name) {
        requireName(name);
        return database.read(session -> byName(session, name).map(UserEntity::toUser)
                .orElseThrow(() -> notFound(name)));
    }

    /** @return whether any user exists */
    public boolean any() {
        return database.read(session -> session
                .createSelectionQuery("select count(u) from UserEntity u", Long.class).getSingleResult() > 0);
    }

    /**
     * Adds a user.
     *
     * @throws ValidationException naming the field when name, password or role is invalid
     * @throws ConflictException when the name is taken
     */
    public User create(String name, String password, String role) {
        validateName(name);
        validatePassword(password);
        Role parsed = parseRole(role);
        String hash = PasswordHasher.hash(password);
        return database.inTransaction(session -> {
            if (byName(session, name).isPresent()) {
                throw new ConflictException("name", "A user named '" + name + "' already exists");
            }
            UserEntity entity = new UserEntity(name, hash, parsed, clock.instant());
            session.persist(entity);
            return entity.toUser();
        });
    }

    /**
     * Changes a user's password and/or role (a null leaves it as it is).
     *
     * @throws ConflictException when it would leave no admin
     */
    public User update(String name, String password, String role) {
        requireName(name);
        if (password != null) {
            validatePassword(password);
        }
        Role parsed = role == null ? null : parseRole(role);
        String hash = password == null ? null : PasswordHasher.hash(password);
        User updated = database.inTransaction(session -> {
            UserEntity entity = byName(session, name).orElseThrow(() -> notFound(name));
            if (parsed != null && parsed != Role.ADMIN && entity.getRole() == Role.ADMIN
                    && countAdmins(session) == 1) {
                throw new ConflictException("role", "'" + name + "' is the last admin and must stay admin");
            }
            if (hash != null) {
                entity.setPasswordHash(hash);
            }
            if (parsed != null) {
                entity.setRole(parsed);
            }
            AuthChannel.send(database, session, AuthChannel.USER + name);
            return entity.toUser();
        });
        forget(name);
        return updated;
    }

    /** Removes a user; the last admin cannot be removed (ConflictException). */
    public void delete(String name) {
        requireName(name);
        database.run(session -> {
            UserEntity entity = byName(session, name).orElseThrow(() -> notFound(name));
            if (entity.getRole() == Role.ADMIN && countAdmins(session) == 1) {
                throw new ConflictException("'" + name + "' is the last admin and cannot be removed");
            }
            session.remove(entity);
            AuthChannel.send(database, session, AuthChannel.USER + name);
        });
        forget(name);
    }

    private static Optional<UserEntity> byName(Session session, String name) {
        return session.createSelectionQuery("from UserEntity where name = :name", UserEntity.class)
                .setParameter("name", name).uniqueResultOptional();
    }

    private static long countAdmins(Session session) {
        return session.createSelectionQuery("select count(u) from UserEntity u where u.role = :role", Long.class)
                .setParameter("role", Role.ADMIN).getSingleResult();
    }

    private static void validateName(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw new ValidationException("name",
                    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static void validatePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new ValidationException("password", "must be at least " + MIN_PASSWORD + " characters");
        }
        if (!isPassword(password)) {
            String problem = Texts.storable(password);
            throw new ValidationException("password", problem != null ? problem
                    : "must be at most " + Limits.MAX_USER_PASSWORD_BYTES + " bytes in UTF-8 (bcrypt uses no more)");
        }
    }

    /** @return whether a password can be hashed and stored: at most 72 bytes in UTF-8, no NUL or bad UTF-16 */
    private static boolean isPassword(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= Limits.MAX_USER_PASSWORD_BYTES
                && Texts.storable(password) == null;
    }

    private static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** A name no user can have names nothing: 404 without asking the database. */
    private static void requireName(String name) {
        if (!isName(name)) {
            throw notFound(name);
        }
    }

    private static Role parseRole(String role) {
        if (role == null) {
            throw new ValidationException("role", "is required: 'admin' or 'auditor'");
        }
        try {
            return Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("role", e.getMessage());
        }
    }

    private static NotFoundException notFound(String name) {
        return isName(name) ? new NotFoundException("User '" + name + "'")
                : new NotFoundException("A user with that name");
    }

    private Digest digest(String name, String password) {
        byte[] input = (name + '\0' + password).getBytes(StandardCharsets.UTF_8);
        try {
            // a Mac is not thread-safe: each check works on a copy of the initialised one
            return new Digest(((Mac) mac.clone()).doFinal(input));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
