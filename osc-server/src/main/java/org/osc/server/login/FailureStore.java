package org.osc.server.login;

import java.time.Instant;

/**
 * Where the throttle's failures, locks and trusted (name, address) pairs are kept: in this process's memory
 * ({@link MemoryFailureStore}) or in the database, shared by every replica ({@link DatabaseFailureStore}). The rules
 * ({@link LockRule}) are the store's, given at its construction; the time is always given by the caller (its
 * clock), so that the same rules can be tested on every store with a clock the test moves.
 */
interface FailureStore {

    /**
     * What stands against an attempt, read at once.
     *
     * @param name the user name, or null for an attempt that names none (an API token): then only the address
     * @param address the client address's key
     * @param now the time
     * @return the locks and the trust of the pair
     */
    Standing standing(String name, String address, Instant now);

    /**
     * Counts a failure of the key, atomically (several replicas may count the same key at once).
     *
     * @return the failure: the key's failures so far, this one included, and the lock it starts
     */
    FailureCounts.Failure fail(Lockout.Kind kind, String key, Instant now);

    /** Forgets the key's failures and its lock. */
    void reset(Lockout.Kind kind, String key);

    /** Trusts the (name, address) pair until the given time (a successful login from there). */
    void trust(String name, String address, Instant until, Instant now);

    /** @return how many keys of the kind are kept now (forgotten ones included until pruned) */
    int size(Lockout.Kind kind);

    /** @return how many trusted pairs are kept now */
    int trustedPairs();

    /**
     * What is known of an attempt's name, address and pair. A null time means nothing is remembered (no failure
     * that is not forgotten, no trust); {@link Instant#MIN} in a lock means failures are remembered but do not lock.
     *
     * @param nameLockedUntil until when the name is locked (null: no failure of it remembered)
     * @param addressLockedUntil until when the address is locked (null: no failure of it remembered)
     * @param trustedUntil until when the pair is trusted (null: not trusted)
     */
    record Standing(Instant nameLockedUntil, Instant addressLockedUntil, Instant trustedUntil) {

        /** Nothing remembered. */
        static final Standing NONE = new Standing(null, null, null);
    }
}
