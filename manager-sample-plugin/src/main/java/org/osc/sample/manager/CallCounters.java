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

    private final Map<String, LongAdder[]> counts = new ConcurrentHashMap<>();

    void record(String operation, boolean changed) {
        LongAdder[] pair = counts.computeIfAbsent(operation, op -> new LongAdder[] {new LongAdder(), new LongAdder()});
        pair[0].increment();
        if (changed) {
            pair[1].increment();
        }
    }

    Map<String, SampleViews.OperationCount> snapshot() {
        Map<String, SampleViews.OperationCount> result = new TreeMap<>();
        counts.forEach((op, pair) -> result.put(op, new SampleViews.OperationCount(pair[0].sum(), pair[1].sum())));
        return result;
    }
}
