package org.osc.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency samples and their nearest-rank percentiles; samples that never completed are counted as missed. */
final class Latencies {

    /**
     * A summary in milliseconds.
     *
     * @param count completed samples
     * @param missed samples that did not complete in time (not in the percentiles)
     */
    record Summary(int count, int missed, double p50, double p99, double max) {

        /** @return {@code p50/p99/max} in ms, or {@code -} without samples */
        String format() {
            return count == 0 ? "-" : String.format("%.0f/%.0f/%.0f", p50, p99, max);
        }
    }

    private final List<Long> nanos = new ArrayList<>();
    private int missed;

    synchronized void add(long sampleNanos) {
        nanos.add(sampleNanos);
    }

    synchronized void miss() {
        missed++;
    }

    /** @return the samples and misses of both */
    static Latencies merge(Latencies a, Latencies b) {
        Latencies merged = new Latencies();
        for (Latencies l : List.of(a, b)) {
            synchronized (l) {
                merged.nanos.addAll(l.nanos);
                merged.missed += l.missed;
            }
        }
        return merged;
    }

    synchronized Summary summary() {
        if (nanos.isEmpty()) {
            return new Summary(0, missed, 0, 0, 0);
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return new Summary(sorted.size(), missed, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }
}
