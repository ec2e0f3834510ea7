package org.osc.server.login;

import java.time.Duration;

/**
 * How failures of one kind of key (user names, or client addresses) lock it: from the {@code threshold}-th failure
 * on, each failure locks the key for {@code base}, then twice as long with each further failure, up to {@code cap};
 * a key's failures are forgotten {@code forget} after its last one.
 *
 * @param threshold the failure that first locks (at least 1)
 * @param base the first lock
 * @param cap the longest lock
 * @param forget how long after its last failure a key is forgotten
 */
record LockRule(int threshold, Duration base, Duration cap, Duration forget) {

    /** Checks the rule. */
    LockRule {
        if (threshold < 1 || base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("threshold at least 1, 0 < base <= cap");
        }
    }

    /** @return the lock the {@code failures}-th failure starts: zero below the threshold */
    Duration lock(int failures) {
        if (failures < threshold) {
            return Duration.ZERO;
        }
        Duration lock = base.multipliedBy(1L << Math.min(failures - threshold, 40));
        return lock.compareTo(cap) > 0 ? cap : lock;
    }
}
