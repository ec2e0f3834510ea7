package org.osc.server.user;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.hibernate.Session;
import org.osc.server.config.Secrets;
import org.osc.server.domain.Limits;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.Texts;
import org.osc.server.error.ValidationException;
import org.osc.server.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Users and their credentials, stored in the database with bcrypt hashes.
 *
 * <p>bcrypt is slow on purpose, so a successful check is remembered for a short while (keyed by a SHA-256 of
 * the presented password, never the password itself) and forgotten whenever the user changes.
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
    }

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MIN_PASSWORD = 8;
    private static final Duration CACHE_TTL = Duration.ofMinutes(5);

    private final Database database;
    private final Clock clock;
    private final Map<String, CachedCheck> checks = new ConcurrentHashMap<>();

    private record CachedCheck(String digest, User user, Instant expires) {
    }

    /** A user service over the given database. */
    public UserService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** For the OSGi runtime: also creates the first admin when the database has no user. */
    @Activate
    public UserService(@Reference Database database, @Reference Secrets secrets, Config config) {
        this(database, Clock.systemUTC());
        AdminBootstrap.ensureAdmin(this, secrets.adminPassword(), Path.of(config.dataDir()));
    }

    /** @return the user when the name exists and the password matches, else empty */
    public Optional<User> authenticate(String name, String password) {
        // A name or password no user can have fails here, before the database or bcrypt could refuse it.
        if (!isName(name) || password == null || !isPassword(password)) {
            return Optional.empty();
        }
        String digest = sha256(name + '\0' + password);
        CachedCheck cached = checks.get(name);
        if (cached != null && cached.digest.equals(digest) && clock.instant().isBefore(cached.expires)) {
            return Optional.of(cached.user);
        }
        Optional<User> user = database.inTransaction(session -> byName(session, name)
                .filter(entity -> PasswordHasher.verify(password, entity.getPasswordHash()))
                .map(UserEntity::toUser));
        user.ifPresent(u -> checks.put(name, new CachedCheck(digest, u, clock.instant().plus(CACHE_TTL))));
        return user;
    }

    /** @return every user, by name */
    public List<User> list() {
        return database.inTransaction(session -> session
                .createSelectionQuery("from UserEntity order by name", UserEntity.class).getResultList()
                .stream().map(UserEntity::toUser).toList());
    }

    /** @return the named user; NotFoundException otherwise */
    public User get(String name) {
        requireName(name);
        return database.inTransaction(session -> byName(session, name).map(UserEntity::toUser)
                .orElseThrow(() -> notFound(name)));
    }

    /** @return whether any user exists */
    public boolean any() {
        return database.inTransaction(session -> session
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
            return entity.toUser();
        });
        checks.remove(name);
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
        });
        checks.remove(name);
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

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
