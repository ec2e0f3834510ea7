package org.osc.server.login;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The throttle's state in this process's memory: what one process needs when it has no database to share (and
 * what the throttle's rules are tested on without one). Bounded: at most {@code capacity} names, as many addresses
 * and as many trusted pairs, the oldest dropped first ({@link FailureCounts}).
 */
final class MemoryFailureStore implements FailureStore {

    private final FailureCounts names;
    private final FailureCounts addresses;
    private final Map<String, Instant> trusted = new LinkedHashMap<>();
    private final int capacity;

    /**
     * @param nameRule how a name's failures lock it
     * @param addressRule how an address's failures lock it
     * @param capacity how many names, how many addresses and how many trusted pairs are kept at most
     */
    MemoryFailureStore(LockRule nameRule, LockRule addressRule, int capacity) {
        this.names = new FailureCounts(nameRule, capacity);
        this.addresses = new FailureCounts(addressRule, capacity);
        this.capacity = capacity;
    }

    @Override
    public Standing standing(String name, String address, Instant now) {
        Instant byAddress = addresses.lockedUntil(address, now);
        if (name == null) {
            return new Standing(null, byAddress, null);
        }
        return new Standing(names.lockedUntil(name, now), byAddress, trustedUntil(name, address, now));
    }

    @Override
    public FailureCounts.Failure fail(Lockout.Kind kind, String key, Instant now) {
        return counts(kind).fail(key, now);
    }

    @Override
    public void reset(Lockout.Kind kind, String key) {
        counts(kind).reset(key);
    }

    @Override
    public synchronized void trust(String name, String address, Instant until, Instant now) {
        String pair = pair(name, address);
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
        trusted.put(pair, until);
    }

    @Override
    public int size(Lockout.Kind kind) {
        return counts(kind).size();
    }

    @Override
    public synchronized int trustedPairs() {
        return trusted.size();
    }

    private synchronized Instant trustedUntil(String name, String address, Instant now) {
        Instant until = trusted.get(pair(name, address));
        return until != null && now.isBefore(until) ? until : null;
    }

    private FailureCounts counts(Lockout.Kind kind) {
        return kind == Lockout.Kind.NAME ? names : addresses;
    }

    private static String pair(String name, String address) {
        return name + '\n' + address;
    }
}
