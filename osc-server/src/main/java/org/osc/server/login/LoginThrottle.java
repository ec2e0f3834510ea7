package org.osc.server.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.osc.server.persistence.Database;

/**
 * Which login attempts are refused before their password is checked, and what a failure or a success changes.
 *
 * <p>Failures are counted twice, per user name and per client address, each with its own exponential lock
 * ({@link LockRule}): a name is locked from its {@code threshold}-th failure on (1 s, then doubling with each
 * further failure, up to the name's cap, 60 s by default), an address from twice as many failures on (up to the
 * address's cap, 15 minutes by default). An attempt is refused while its name or its address is locked. The address
 * lock stops one client trying many names; the name lock stops many clients (addresses) trying one name.
 *
 * <p>Anyone can lock a name, the admin's too, by sending wrong passwords for it. Against that: the name's lock is
 * short (capped at a minute by default, against a quarter of an hour for an address), and it does not apply to an
 * address the name logged in from during the last {@link #TRUST} (the pair is remembered on success): an attacker
 * elsewhere cannot lock the admin out of the workstation or script host they use. The attacker who shares that
 * address (behind the same NAT, or a local proxy: every client is then one address) is still held by the address's
 * own lock, which then also holds the users behind it. A success resets the address's count, and the name's unless
 * the name is locked (a success through the trust above must not clear a lock an attacker elsewhere earned).
 *
 * <p>The counts are kept by a {@link FailureStore}: in the server's runtime the database
 * ({@link #inDatabase}), shared by every replica on it and kept across restarts, so failures spread over several
 * replicas lock as soon as on one. Everything is bounded: at most {@code capacity} names, as many addresses and as
 * many trusted pairs are kept, the oldest dropped first. Nothing here knows which names are users: an unknown name
 * is counted and locked like a user's, so locks tell nothing about which users exist.
 *
 * <p>A steady client costs one read per request: a success writes only when there is something to reset or when the
 * pair's trust is half over. A lock once read or begun here is remembered until it ends ({@link KnownLocks}), so
 * the attempts it refuses cost no read at all. When the store cannot be read (the database is down) the methods
 * throw, and the attempt fails before any check (fail closed: the credentials could not be checked anyway).
 */
public final class LoginThrottle {

    /** The first lock. */
    static final Duration BASE = Duration.ofSeconds(1);
    /** Failures are forgotten this long after the last one (or twice the cap when that is longer). */
    static final Duration FORGET = Duration.ofHours(1);
    /** How long a (name, address) pair that logged in is exempt from the name's lock. */
    static final Duration TRUST = Duration.ofDays(1);
    /** How many names and how many addresses are counted at most, by default. */
    static final int CAPACITY = 50_000;

    private final Clock clock;
    private final FailureStore store;
    private final KnownLocks known;

    /**
     * What stands against an attempt: read once by {@link #attempt}, and used again by {@link #succeeded(Attempt)}
     * so that a success costs no second read.
     *
     * @param name the attempt's user name (null for an API token)
     * @param address the client address's key
     * @param at when it was read
     * @param standing what the store said
     * @param lockedFor zero when the attempt may go on to its check, else how long the longer of the locks that
     *     apply lasts
     */
    record Attempt(String name, String address, Instant at, FailureStore.Standing standing, Duration lockedFor) {

        /** @return whether a lock refuses the attempt */
        boolean locked() {
            return !lockedFor.isZero();
        }
    }

    /**
     * A throttle in this process's memory (one process; tests).
     *
     * @param clock the time
     * @param threshold the name's failure that first locks it; an address's is twice that
     * @param nameCap the longest lock of a name
     * @param addressCap the longest lock of an address
     * @param capacity how many names, how many addresses and how many trusted pairs are kept at most
     */
    public LoginThrottle(Clock clock, int threshold, Duration nameCap, Duration addressCap, int capacity) {
        this(clock, new MemoryFailureStore(nameRule(threshold, nameCap), addressRule(threshold, addressCap),
                capacity), capacity);
    }

    LoginThrottle(Clock clock, FailureStore store) {
        this(clock, store, CAPACITY);
    }

    private LoginThrottle(Clock clock, FailureStore store, int capacity) {
        this.clock = clock;
        this.store = store;
        this.known = new KnownLocks(capacity);
    }

    /**
     * A throttle whose counts are in the database, shared by every replica on it (the server's).
     *
     * @param database the server's database (migration V13)
     * @param clock the time
     * @param threshold the name's failure that first locks it; an address's is twice that
     * @param nameCap the longest lock of a name
     * @param addressCap the longest lock of an address
     * @param capacity how many names, how many addresses and how many trusted pairs are kept at most
     * @return the throttle
     */
    public static LoginThrottle inDatabase(Database database, Clock clock, int threshold, Duration nameCap,
            Duration addressCap, int capacity) {
        return new LoginThrottle(clock, new DatabaseFailureStore(database, nameRule(threshold, nameCap),
                addressRule(threshold, addressCap), capacity), capacity);
    }

    /**
     * Reads what stands against an attempt with a name and password.
     *
     * @return the attempt, with how long it must wait (zero: it may go on to the password check)
     */
    Attempt attempt(String name, String address) {
        Instant now = clock.instant();
        Duration seen = max(known.address(address, now), known.name(name, address, now));
        if (!seen.isZero()) {
            return new Attempt(name, address, now, FailureStore.Standing.NONE, seen);
        }
        FailureStore.Standing standing = store.standing(name, address, now);
        Duration byAddress = remaining(standing.addressLockedUntil(), now);
        Duration byName = standing.trustedUntil() != null ? Duration.ZERO : remaining(standing.nameLockedUntil(), now);
        if (!byAddress.isZero()) {
            known.lockAddress(address, now.plus(byAddress), now);
        }
        if (!byName.isZero()) {
            known.lockName(name, address, now.plus(byName), now);
        }
        return new Attempt(name, address, now, standing, max(byAddress, byName));
    }

    /** @return how long the attempt must wait: zero when it may go on to the password check (see {@link #attempt}) */
    public Duration check(String name, String address) {
        return attempt(name, address).lockedFor();
    }

    /** Counts a failed attempt; returns the locks it began (none, one or both). */
    public List<Lockout> failed(String name, String address) {
        Instant now = clock.instant();
        List<Lockout> locks = new ArrayList<>(2);
        FailureCounts.Failure byName = store.fail(Lockout.Kind.NAME, name, now);
        if (byName.locks()) {
            locks.add(new Lockout(Lockout.Kind.NAME, name, address, byName.failures(), byName.lock()));
        }
        FailureCounts.Failure byAddress = store.fail(Lockout.Kind.ADDRESS, address, now);
        if (byAddress.locks()) {
            known.lockAddress(address, now.plus(byAddress.lock()), now);
            locks.add(new Lockout(Lockout.Kind.ADDRESS, name, address, byAddress.failures(), byAddress.lock()));
        }
        return locks;
    }

    /** @return how long an attempt from the address must wait for the address's own lock; zero when none */
    public Duration checkAddress(String address) {
        Instant now = clock.instant();
        Duration seen = known.address(address, now);
        if (!seen.isZero()) {
            return seen;
        }
        Duration locked = remaining(store.standing(null, address, now).addressLockedUntil(), now);
        if (!locked.isZero()) {
            known.lockAddress(address, now.plus(locked), now);
        }
        return locked;
    }

    /**
     * Counts a failed attempt that names no user (an API token) against the client's address alone.
     *
     * @param name what the attempt is called in the lock (it names no user)
     * @param address the client's address
     * @return the lock it began: none or the address's
     */
    public List<Lockout> failedAddress(String name, String address) {
        Instant now = clock.instant();
        FailureCounts.Failure byAddress = store.fail(Lockout.Kind.ADDRESS, address, now);
        if (!byAddress.locks()) {
            return List.of();
        }
        known.lockAddress(address, now.plus(byAddress.lock()), now);
        return List.of(new Lockout(Lockout.Kind.ADDRESS, name, address, byAddress.failures(), byAddress.lock()));
    }

    /** A successful login: resets the counts (see the class) and trusts the pair. */
    public void succeeded(String name, String address) {
        succeeded(attempt(name, address));
    }

    /**
     * A successful login, after {@link #attempt}: writes only what changes (a count to reset, a trust to renew).
     */
    void succeeded(Attempt attempt) {
        Instant now = attempt.at();
        FailureStore.Standing standing = attempt.standing();
        if (standing.addressLockedUntil() != null) {
            store.reset(Lockout.Kind.ADDRESS, attempt.address());
        }
        if (standing.nameLockedUntil() != null && remaining(standing.nameLockedUntil(), now).isZero()) {
            store.reset(Lockout.Kind.NAME, attempt.name());
        }
        // Most successes are requests of a client already trusted: renewed only once half the time has passed.
        Instant trusted = standing.trustedUntil();
        if (trusted == null || !trusted.isAfter(now.plus(TRUST.dividedBy(2)))) {
            store.trust(attempt.name(), attempt.address(), now.plus(TRUST), now);
        }
    }

    /** @return how many names are counted now */
    int names() {
        return store.size(Lockout.Kind.NAME);
    }

    /** @return how many addresses are counted now */
    int addresses() {
        return store.size(Lockout.Kind.ADDRESS);
    }

    /** @return how many (name, address) pairs are trusted now */
    int trustedPairs() {
        return store.trustedPairs();
    }

    /** @return the rule of names: locked from the threshold on, up to the cap */
    static LockRule nameRule(int threshold, Duration cap) {
        return new LockRule(threshold, BASE, max(cap, BASE), forget(cap));
    }

    /** @return the rule of addresses: locked from twice the threshold on, up to the cap */
    static LockRule addressRule(int threshold, Duration cap) {
        return new LockRule(2 * Math.min(threshold, Integer.MAX_VALUE / 2), BASE, max(cap, BASE), forget(cap));
    }

    private static Duration remaining(Instant lockedUntil, Instant now) {
        return lockedUntil == null || !now.isBefore(lockedUntil) ? Duration.ZERO : Duration.between(now, lockedUntil);
    }

    private static Duration forget(Duration cap) {
        return max(FORGET, cap.multipliedBy(2));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
