package org.osc.server.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The locks this process has seen, remembered until they end, so that the attempts they refuse cost no read of the
 * store: a flood of locked attempts is answered from memory. A lock once seen stands until its end: a lock is never
 * shortened (each failure can only lengthen it), a success never clears a lock that applies (an attempt under it is
 * refused before its check), and the trust that exempts a pair from its name's lock is given only by a success of
 * that pair. So an address's lock is remembered for the address, and a name's for the (name, address) pair whose
 * read found it applying (another pair may be trusted).
 *
 * <p>Bounded: at most {@code capacity} entries; the expired ones, and when full the oldest, go first. Losing one
 * only costs a read.
 */
final class KnownLocks {

    private final int capacity;
    private final Map<String, Instant> locks = new LinkedHashMap<>();

    /** @param capacity how many locks are remembered at most */
    KnownLocks(int capacity) {
        this.capacity = capacity;
    }

    /** @return how long the address is known to be locked from now; zero when no lock is known */
    Duration address(String address, Instant now) {
        return remaining(addressKey(address), now);
    }

    /** @return how long the name's lock is known to apply to the pair from now; zero when none is known */
    Duration name(String name, String address, Instant now) {
        return remaining(pairKey(name, address), now);
    }

    /** Remembers that the address is locked until then. */
    void lockAddress(String address, Instant until, Instant now) {
        put(addressKey(address), until, now);
    }

    /** Remembers that the name's lock applies to the pair until then. */
    void lockName(String name, String address, Instant until, Instant now) {
        put(pairKey(name, address), until, now);
    }

    private synchronized Duration remaining(String key, Instant now) {
        Instant until = locks.get(key);
        if (until == null) {
            return Duration.ZERO;
        }
        if (!now.isBefore(until)) {
            locks.remove(key);
            return Duration.ZERO;
        }
        return Duration.between(now, until);
    }

    private synchronized void put(String key, Instant until, Instant now) {
        Instant known = locks.remove(key);
        Instant latest = known != null && known.isAfter(until) ? known : until;
        Iterator<Instant> oldest = locks.values().iterator();
        while (oldest.hasNext()) {
            Instant expires = oldest.next();
            if (locks.size() < capacity && now.isBefore(expires)) {
                break;
            }
            oldest.remove();
        }
        locks.put(key, latest);
    }

    private static String addressKey(String address) {
        return "A\n" + address;
    }

    private static String pairKey(String name, String address) {
        return "N\n" + name + '\n' + address;
    }
}
