package org.osc.server.reconcile;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-key exponential backoff: the n-th failure in a row waits {@code base * 2^(n-1)}, at most {@code cap}.
 * Not thread-safe: {@link WorkQueue} calls it under its monitor.
 */
public final class Backoff {

    /** The first retry's delay unless configured otherwise. */
    public static final Duration DEFAULT_BASE = Duration.ofMillis(100);
    /** The longest delay unless configured otherwise. */
    public static final Duration DEFAULT_CAP = Duration.ofMinutes(5);

    private final Duration base;
    private final Duration cap;
    private final Map<Object, Integer> failures = new HashMap<>();

    /**
     * @param base the delay after the first failure, more than zero
     * @param cap the longest delay, at least {@code base}
     */
    public Backoff(Duration base, Duration cap) {
        if (base.isZero() || base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < base <= cap, got " + base + " and " + cap);
        }
        this.base = Objects.requireNonNull(base, "base");
        this.cap = Objects.requireNonNull(cap, "cap");
    }

    /** Counts one more failure of the key and returns how long to wait before its retry. */
    Duration next(Object key) {
        int count = failures.merge(key, 1, Integer::sum);
        return delay(count);
    }

    /** The key succeeded. */
    void forget(Object key) {
        failures.remove(key);
    }

    int failures(Object key) {
        return failures.getOrDefault(key, 0);
    }

    private Duration delay(int count) {
        Duration delay = base;
        // at most log2(cap / base) doublings: the loop stops at the cap
        for (int i = 1; i < count && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
