package org.osc.sample.manager;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, per SPI operation, how often it was called and how often it actually changed the state, so that a
 * test can assert that a second reconciliation called the manager but changed nothing. Kept in memory only:
 * they start at zero whenever the sample starts.
 */
final class CallCounters {

    /**
     * Calls and state changes of one operation.
     *
     * @param calls how many times it was called, failures included
     * @param changes how many of those calls changed the stored state
     */
    record Count(long calls, long changes) {
    }

    private final Map<String, LongAdder[]> counts = new ConcurrentHashMap<>();

    void record(String operation, boolean changed) {
        LongAdder[] pair = counts.computeIfAbsent(operation, op -> new LongAdder[] {new LongAdder(), new LongAdder()});
        pair[0].increment();
        if (changed) {
            pair[1].increment();
        }
    }

    Map<String, Count> snapshot() {
        Map<String, Count> result = new TreeMap<>();
        counts.forEach((op, pair) -> result.put(op, new Count(pair[0].sum(), pair[1].sum())));
        return result;
    }
}
