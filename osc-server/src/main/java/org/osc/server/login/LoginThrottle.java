package org.osc.server.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which login attempts are refused before their password is checked, and what a failure or a success changes.
 *
 * <p>Failures are counted twice, per user name and per client address ({@link FailureCounts}), each with its own
 * exponential lock: a name is locked from its {@code threshold}-th failure on (1 s, then doubling with each further
 * failure, up to the name's cap, 60 s by default), an address from twice as many failures on (up to the address's
 * cap, 15 minutes by default). An attempt is refused while its name or its address is locked. The address lock
 * stops one client trying many names; the name lock stops many clients (addresses) trying one name.
 *
 * <p>Anyone can lock a name, the admin's too, by sending wrong passwords for it. Against that: the name's lock is
 * short (capped at a minute by default, against a quarter of an hour for an address), and it does not apply to an
 * address the name logged in from during the last {@link #TRUST} (the pair is remembered on success): an attacker
 * elsewhere cannot lock the admin out of the workstation or script host they use. The attacker who shares that
 * address (behind the same NAT, or a local proxy: every client is then one address) is still held by the address's
 * own lock, which then also holds the users behind it. A success resets the address's count, and the name's unless
 * the name is locked (a success through the trust above must not clear a lock an attacker elsewhere earned).
 *
 * <p>Everything is bounded: at most {@code capacity} names, as many addresses and as many trusted pairs
 * are kept, the oldest dropped first. Nothing here knows which names are users: an unknown name is
 * counted and locked like a user's, so locks tell nothing about which users exist.
 *
 * <p>GAP: the counts live in this process's memory: a restart forgets them, and each replica sharing a database
 * counts on its own (an attacker spreading attempts over N replicas gets N times the attempts before a lock).
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
    private final FailureCounts names;
    private final FailureCounts addresses;
    private final Map<String, Instant> trusted = new LinkedHashMap<>();
    private final int capacity;

    /**
     * @param clock the time
     * @param threshold the name's failure that first locks it; an address's is twice that
     * @param nameCap the longest lock of a name
     * @param addressCap the longest lock of an address
     * @param capacity how many names, how many addresses and how many trusted pairs are kept at most
     */
    public LoginThrottle(Clock clock, int threshold, Duration nameCap, Duration addressCap, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
        this.names = new FailureCounts(threshold, BASE, max(nameCap, BASE), forget(nameCap), capacity);
        this.addresses = new FailureCounts(2 * Math.min(threshold, Integer.MAX_VALUE / 2), BASE, max(addressCap, BASE),
                forget(addressCap), capacity);
    }

    /**
     * @return how long the attempt must wait: zero when it may go on to the password check, else how long the
     *     longer of the locks that apply (name, address) lasts
     */
    public Duration check(String name, String address) {
        Instant now = clock.instant();
        Duration byAddress = addresses.lockedFor(address, now);
        Duration byName = isTrusted(name, address, now) ? Duration.ZERO : names.lockedFor(name, now);
        return max(byAddress, byName);
    }

    /** Counts a failed attempt; returns the locks it began (none, one or both). */
    public List<Lockout> failed(String name, String address) {
        Instant now = clock.instant();
        List<Lockout> locks = new ArrayList<>(2);
        FailureCounts.Failure byName = names.fail(name, now);
        if (byName.locks()) {
            locks.add(new Lockout(Lockout.Kind.NAME, name, address, byName.failures(), byName.lock()));
        }
        FailureCounts.Failure byAddress = addresses.fail(address, now);
        if (byAddress.locks()) {
            locks.add(new Lockout(Lockout.Kind.ADDRESS, name, address, byAddress.failures(), byAddress.lock()));
        }
        return locks;
    }

    /** @return how long an attempt from the address must wait for the address's own lock; zero when none */
    public Duration checkAddress(String address) {
        return addresses.lockedFor(address, clock.instant());
    }

    /**
     * Counts a failed attempt that names no user (an API token) against the client's address alone.
     *
     * @param name what the attempt is called in the lock (it names no user)
     * @param address the client's address
     * @return the lock it began: none or the address's
     */
    public List<Lockout> failedAddress(String name, String address) {
        FailureCounts.Failure byAddress = addresses.fail(address, clock.instant());
        return byAddress.locks()
                ? List.of(new Lockout(Lockout.Kind.ADDRESS, name, address, byAddress.failures(), byAddress.lock()))
                : List.of();
    }

    /** A successful login: resets the counts (see the class) and trusts the pair. */
    public void succeeded(String name, String address) {
        Instant now = clock.instant();
        addresses.reset(address);
        if (names.lockedFor(name, now).isZero()) {
            names.reset(name);
        }
        trust(name, address, now);
    }

    /** @return how many names are counted now */
    int names() {
        return names.size();
    }

    /** @return how many addresses are counted now */
    int addresses() {
        return addresses.size();
    }

    /** @return how many (name, address) pairs are trusted now */
    synchronized int trustedPairs() {
        return trusted.size();
    }

    private synchronized boolean isTrusted(String name, String address, Instant now) {
        Instant until = trusted.get(pair(name, address));
        return until != null && now.isBefore(until);
    }

    private synchronized void trust(String name, String address, Instant now) {
        String pair = pair(name, address);
        Instant until = trusted.get(pair);
        // Most successes are requests of a client already trusted: renewed only once half the time has passed.
        if (until != null && until.isAfter(now.plus(TRUST.dividedBy(2)))) {
            return;
        }
        trusted.remove(pair);
        // In order of trust given, so of expiry: the expired ones, and when full the oldest, are at the front.
        Iterator<Instant> oldest = trusted.values().iterator();
        while (oldest.hasNext()) {
            Instant expires = oldest.next();
            if (trusted.size() < capacity && now.isBefore(expires)) {
                break;
            }
            oldest.remove();
        }
        trusted.put(pair, now.plus(TRUST));
    }

    private static String pair(String name, String address) {
        return name + '\n' + address;
    }

    private static Duration forget(Duration cap) {
        return max(FORGET, cap.multipliedBy(2));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
