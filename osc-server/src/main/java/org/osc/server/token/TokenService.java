package org.osc.server.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.hibernate.Session;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.persistence.Database;
import org.osc.server.user.AuthChannel;
import org.osc.server.user.Role;
import org.osc.server.user.User;
import org.osc.server.user.UserService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens: made by a user for themselves, listed, revoked, and checked on each request that presents one.
 *
 * <p>A check parses the token's id out of its text ({@link TokenSecret}), finds the token and its owner by that
 * id, and compares the SHA-256 of the secret with the stored one in constant time. A token that checked is
 * remembered for {@link #CACHE_TTL} (its hash, role, expiry and owner), so that a script's requests do not each
 * go to the database; the expiry is still checked against the clock on every request. The memory is dropped when
 * the token is revoked and whenever a user changes (a role lowered, a user removed: the change applies to the next
 * request). A change made by another replica on PostgreSQL is told on {@link AuthChannel#CHANNEL} and applies here
 * as soon as it is heard ({@link AuthCacheSync}); one not heard (H2 has one process; a lost connection) applies
 * within the TTL.
 *
 * <p>The effective role of a request is the lower of the token's role and the owner's current role. When a token
 * was last used is written at most once every {@link #LAST_USED_GRANULARITY}, never on each request.
 */
@Component(service = TokenService.class)
public final class TokenService {

    /** How long a verified token is accepted without reading the database. */
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    /** How stale {@code lastUsedAt} may be. */
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    private final Database database;
    private final UserService users;
    private final Clock clock;
    private final Map<Long, Verified> verified = new ConcurrentHashMap<>();
    /** Counts revocations, so that a check that overlapped one is not remembered. */
    private final AtomicLong revocations = new AtomicLong();

    /** What is remembered of a token that checked; {@code userChanges} is the users' change count before. */
    private record Verified(byte[] hash, String name, Role role, Instant expiresAt, User owner, long userChanges,
            Instant until, AtomicReference<Instant> lastUsed) {
    }

    /** A token service over the given database and users, telling time by the clock (tests move it). */
    public TokenService(Database database, UserService users, Clock clock) {
        this.database = database;
        this.users = users;
        this.clock = clock;
    }

    /** For the OSGi runtime. */
    @Activate
    public TokenService(@Reference Database database, @Reference UserService users) {
        this(database, users, Clock.systemUTC());
    }

    /**
     * Makes a token for the creator.
     *
     * @param creator the authenticated user, with their effective role
     * @param name unique among the creator's tokens
     * @param role the token's role (null: the creator's), at most the creator's
     * @param expiresAt when it expires, or null
     * @param expiresIn its lifetime ({@code 30d}), or null; neither: {@link TokenRules#DEFAULT_LIFETIME}
     * @return the token and its text, which is never available again
     * @throws org.osc.server.error.ValidationException naming the field
     * @throws ConflictException when the creator has a token of that name
     */
    public CreatedToken create(User creator, String name, String role, Instant expiresAt, String expiresIn) {
        TokenRules.name(name);
        // to the millisecond: what is answered now is what the database gives back later
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiry = TokenRules.expiry(expiresAt, expiresIn, now).truncatedTo(ChronoUnit.MILLIS);
        Role tokenRole = TokenRules.role(role, creator.role());
        return database.inTransaction(session -> {
            long userId = userId(session, creator.name())
                    .orElseThrow(() -> new NotFoundException("User '" + creator.name() + "'"));
            boolean taken = session.createSelectionQuery(
                    "select count(t) from TokenEntity t where t.userId = :user and t.name = :name", Long.class)
                    .setParameter("user", userId).setParameter("name", name).getSingleResult() > 0;
            if (taken) {
                throw new ConflictException("name", "You already have a token named '" + name + "'");
            }
            TokenEntity entity = new TokenEntity(userId, name, tokenRole, now, expiry);
            session.persist(entity);
            session.flush();
            TokenSecret secret = TokenSecret.generate(entity.getId());
            entity.setSecretHash(secret.hashHex());
            return new CreatedToken(entity.toToken(creator.name()), secret.text());
        });
    }

    /** @return the user's tokens, by name */
    public List<ApiToken> listOf(String user) {
        return database.read(session -> session.createSelectionQuery(
                "select t, u.name from TokenEntity t join UserEntity u on u.id = t.userId where u.name = :name "
                        + "order by t.name", Object[].class)
                .setParameter("name", user).getResultList().stream().map(TokenService::toToken).toList());
    }

    /** @return every user's tokens, by user and name */
    public List<ApiToken> listAll() {
        return database.read(session -> session.createSelectionQuery(
                "select t, u.name from TokenEntity t join UserEntity u on u.id = t.userId order by u.name, t.name",
                Object[].class).getResultList().stream().map(TokenService::toToken).toList());
    }

    /**
     * @param id the token's id
     * @param caller who asks: an admin sees any token, anyone else only their own
     * @return the token; NotFoundException when there is none the caller may see (another's looks absent)
     */
    public ApiToken get(long id, User caller) {
        return database.read(session -> find(session, id))
                .filter(token -> visible(token, caller))
                .orElseThrow(() -> new NotFoundException("Token " + id));
    }

    /**
     * Revokes a token: the next request with it gets 401.
     *
     * @param caller an admin may revoke any token, anyone else only their own (another's looks absent)
     */
    public void revoke(long id, User caller) {
        database.run(session -> {
            ApiToken token = find(session, id).filter(t -> visible(t, caller))
                    .orElseThrow(() -> new NotFoundException("Token " + id));
            session.createMutationQuery("delete from TokenEntity where id = :id").setParameter("id", token.id())
                    .executeUpdate();
            AuthChannel.send(database, session, AuthChannel.TOKEN + id);
        });
        revokedElsewhere(id);
    }

    /**
     * Forgets a token revoked by another replica ({@code osc_auth}): its next check reads the database. A check that
     * overlapped this is not remembered either.
     */
    public void revokedElsewhere(long id) {
        revocations.incrementAndGet();
        verified.remove(id);
    }

    /** Forgets every verified token: revocations may have been missed (the notifications were not heard). */
    public void forgetAll() {
        revocations.incrementAndGet();
        verified.clear();
    }

    /**
     * @param text the presented token ({@code Authorization: Bearer <text>})
     * @return the owner with the effective role and the token; empty when the text is malformed, unknown,
     *         revoked, expired or wrong (the caller must not tell which)
     */
    public Optional<TokenAuthentication> authenticate(String text) {
        Optional<TokenSecret> parsed = TokenSecret.parse(text);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        TokenSecret secret = parsed.get();
        Instant now = clock.instant();
        Verified known = verified.get(secret.id());
        if (known == null || !now.isBefore(known.until()) || known.userChanges() != users.changeCount()) {
            long revocationsBefore = revocations.get();
            known = load(secret.id(), now).orElse(null);
            if (known == null) {
                verified.remove(secret.id());
                return Optional.empty();
            }
            if (!secret.matches(known.hash())) {
                return Optional.empty();
            }
            verified.put(secret.id(), known);
            if (revocations.get() != revocationsBefore) {
                // a revocation overlapped this check (it counts as served before it): not remembered
                verified.remove(secret.id());
            }
        }
        if (!secret.matches(known.hash()) || !now.isBefore(known.expiresAt())) {
            return Optional.empty();
        }
        touch(secret.id(), known, now.truncatedTo(ChronoUnit.MILLIS));
        User owner = known.owner();
        User effective = new User(owner.name(), TokenRules.lower(known.role(), owner.role()), owner.created());
        return Optional.of(new TokenAuthentication(effective, secret.id(), known.name()));
    }

    private Optional<Verified> load(long id, Instant now) {
        long changes = users.changeCount();
        return database.read(session -> session.createSelectionQuery(
                "select t, u.name, u.role, u.created, t.lastUsedAt from TokenEntity t join UserEntity u "
                        + "on u.id = t.userId where t.id = :id", Object[].class)
                .setParameter("id", id).uniqueResultOptional()
                .map(row -> {
                    TokenEntity t = (TokenEntity) row[0];
                    User owner = new User((String) row[1], (Role) row[2], (Instant) row[3]);
                    return new Verified(t.secretHash(), t.getName(), t.getRole(), t.getExpiresAt(), owner, changes,
                            now.plus(CACHE_TTL), new AtomicReference<>((Instant) row[4]));
                }));
    }

    /** Records the use, unless it was recorded less than a minute ago (by any request with this token). */
    private void touch(long id, Verified known, Instant now) {
        Instant last = known.lastUsed().get();
        if (last != null && now.isBefore(last.plus(LAST_USED_GRANULARITY))) {
            return;
        }
        if (!known.lastUsed().compareAndSet(last, now)) {
            return; // another request records it
        }
        try {
            database.run(session -> session
                    .createMutationQuery("update TokenEntity set lastUsedAt = :now where id = :id")
                    .setParameter("now", now).setParameter("id", id).executeUpdate());
        } catch (RuntimeException e) {
            // the request is served all the same; the time is written on a later use
            known.lastUsed().compareAndSet(now, last);
            LOG.debug("Could not record the use of token {}: {}", id, e.toString());
        }
    }

    private static Optional<ApiToken> find(Session session, long id) {
        return session.createSelectionQuery(
                "select t, u.name from TokenEntity t join UserEntity u on u.id = t.userId where t.id = :id",
                Object[].class).setParameter("id", id).uniqueResultOptional().map(TokenService::toToken);
    }

    private static boolean visible(ApiToken token, User caller) {
        return caller.role() == Role.ADMIN || token.user().equals(caller.name());
    }

    private static Optional<Long> userId(Session session, String name) {
        return session.createSelectionQuery("select u.id from UserEntity u where u.name = :name", Long.class)
                .setParameter("name", name).uniqueResultOptional();
    }

    private static ApiToken toToken(Object[] row) {
        return ((TokenEntity) row[0]).toToken((String) row[1]);
    }
}
