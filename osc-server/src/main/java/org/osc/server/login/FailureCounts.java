package org.osc.server.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins counted in memory per key (a user name, or a client address: the {@link MemoryFailureStore}'s),
 * with an exponential lock: from the {@code threshold}-th failure on, each failure locks the key for {@code base},
 * then twice as long with each further failure, up to {@code cap}. While a key is locked its attempts are refused
 * before any password is checked, and they are not counted (a client retrying during the lock does not lengthen
 * it). A key is forgotten after {@code forget} without a failure, or when {@link #reset} is called (a successful
 * login).
 *
 * <p>Bounded: at most {@code capacity} keys. The map is kept in order of the last failure, so the keys that may be
 * forgotten are at its front and go first; when it is still full the key that failed longest ago goes, locked or
 * not (a flood of new keys can thus shorten an old lock, but never grow the map). Thread-safe (one lock; each
 * operation is a few map operations).
 */
final class FailureCounts {

    private final LockRule rule;
    private final Duration forget;
    private final int capacity;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long evicted;

    /** One key's failures since it was last forgotten or reset. */
    private static final class Entry {
        int failures;
        Instant lastFailure;
        Instant lockedUntil = Instant.MIN;
    }

    /**
     * @param threshold the failure that first locks (at least 1)
     * @param base the first lock
     * @param cap the longest lock
     * @param forget how long after its last failure a key is forgotten
     * @param capacity how many keys are kept at most
     */
    FailureCounts(int threshold, Duration base, Duration cap, Duration forget, int capacity) {
        this(new LockRule(threshold, base, cap, forget), capacity);
    }

    /**
     * @param rule how failures lock and when they are forgotten
     * @param capacity how many keys are kept at most
     */
    FailureCounts(LockRule rule, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity at least 1");
        }
        this.rule = rule;
        this.forget = rule.forget();
        this.capacity = capacity;
    }

    /**
     * @return until when the key is locked; {@link Instant#MIN} when failures of it are remembered but do not lock
     *     it; null when none is remembered
     */
    synchronized Instant lockedUntil(String key, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null || !now.isBefore(entry.lastFailure.plus(forget))) {
            return null;
        }
        return entry.lockedUntil;
    }

    /** @return how long the key stays locked from {@code now}; zero when it is not locked */
    synchronized Duration lockedFor(String key, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null || !now.isBefore(entry.lockedUntil)) {
            return Duration.ZERO;
        }
        return Duration.between(now, entry.lockedUntil);
    }

    /**
     * Counts a failure of the key.
     *
     * @return the lock this failure starts, or zero when it starts none
     */
    synchronized Failure fail(String key, Instant now) {
        Entry entry = entries.remove(key);
        if (entry == null || !now.isBefore(entry.lastFailure.plus(forget))) {
            entry = new Entry();
            makeRoom(now);
        }
        entry.failures++;
        entry.lastFailure = now;
        Duration lock = rule.lock(entry.failures);
        if (!lock.isZero()) {
            entry.lockedUntil = now.plus(lock);
        }
        // Re-inserted: the map stays in order of the last failure.
        entries.put(key, entry);
        return new Failure(entry.failures, lock);
    }

    /** Forgets the key's failures (and its lock). */
    synchronized void reset(String key) {
        entries.remove(key);
    }

    /** @return how many keys are kept now */
    synchronized int size() {
        return entries.size();
    }

    /** @return how many keys were dropped to make room (not those forgotten after their time) since the start */
    synchronized long evicted() {
        return evicted;
    }

    private void makeRoom(Instant now) {
        Iterator<Entry> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            Entry entry = oldest.next();
            boolean forgotten = !now.isBefore(entry.lastFailure.plus(forget));
            if (forgotten || entries.size() >= capacity) {
                oldest.remove();
                if (!forgotten) {
                    evicted++;
                }
            } else {
                return;
            }
        }
    }

    /**
     * What a failure did.
     *
     * @param failures the key's failures so far, this one included
     * @param lock the lock it started; zero for none
     */
    record Failure(int failures, Duration lock) {

        /** @return whether this failure locked the key */
        boolean locks() {
            return !lock.isZero();
        }
    }
}
