package org.osc.server.metrics;

import java.util.HashMap;
import java.util.Map;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;

/**
 * The metrics of one work queue, as client-go's: depth, adds, time from add to take, retries. The queue calls it
 * under its own monitor, which also guards the add times kept here; every call is a map operation and an atomic
 * add, so the queue stays quick.
 *
 * @param <K> the queue's key type
 */
public final class QueueMetrics<K> {

    private final GaugeDataPoint depth;
    private final CounterDataPoint adds;
    private final DistributionDataPoint waits;
    private final CounterDataPoint retries;
    /** When each key waiting in the queue was put there, in {@link System#nanoTime()}; guarded by the queue. */
    private final Map<K, Long> addedAt = new HashMap<>();

    /**
     * @param name the queue's name, as the {@code name} label (queues of one name share their series)
     */
    public QueueMetrics(String name) {
        this.depth = OscMetrics.QUEUE_DEPTH.labelValues(name);
        this.adds = OscMetrics.QUEUE_ADDS.labelValues(name);
        this.waits = OscMetrics.QUEUE_DURATION.labelValues(name);
        this.retries = OscMetrics.QUEUE_RETRIES.labelValues(name);
    }

    /** A key became dirty (it was not waiting already): counted as an add. */
    public void added() {
        adds.inc();
    }

    /**
     * The key was put in the ready queue (at once, or after its processing ended).
     *
     * @param waiting how many keys wait now
     */
    public void queued(K key, int waiting) {
        addedAt.putIfAbsent(key, System.nanoTime());
        depth.set(waiting);
    }

    /**
     * A worker took the key (or a caller claimed it): its wait ends.
     *
     * @param waiting how many keys wait now
     * @param observe whether the wait counts (a worker's take) or is dropped (a claim that took it over)
     */
    public void taken(K key, int waiting, boolean observe) {
        Long at = addedAt.remove(key);
        if (at != null && observe) {
            waits.observe((System.nanoTime() - at) / 1e9);
        }
        depth.set(waiting);
    }

    /** A rate-limited add: the key is queued again after its backoff. */
    public void retried() {
        retries.inc();
    }

    /** The queue was shut down: nothing waits any more. */
    public void cleared() {
        addedAt.clear();
        depth.set(0);
    }
}
