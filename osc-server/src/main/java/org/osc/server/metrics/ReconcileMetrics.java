package org.osc.server.metrics;

import java.time.Duration;
import java.util.Locale;

/**
 * Records how each reconcile ended, as controller-runtime does: {@code osc_reconcile_total{controller,result}},
 * {@code osc_reconcile_errors_total{controller}} and {@code osc_reconcile_time_seconds{controller}}. The
 * controller is the object type in lower case ({@code security_group}, {@code deployment_spec}, ...).
 */
public final class ReconcileMetrics {

    /** How a reconcile ended, as the {@code result} label. */
    enum Outcome {
        /** Done: the object is as it should be. */
        SUCCESS,
        /** Failed (transient or terminal): also counted in {@code osc_reconcile_errors_total}. */
        ERROR,
        /** Passed but asked to be looked at again at once (after its backoff). */
        REQUEUE,
        /** Passed but asked to be looked at again after a delay. */
        REQUEUE_AFTER;

        private final String label = name().toLowerCase(Locale.ROOT);
    }

    private ReconcileMetrics() {
    }

    /**
     * Shows the controller's series at zero before its first reconcile, so that rates over them exist.
     *
     * @param controller the object type (its enum name)
     */
    public static void init(String controller) {
        String name = controller.toLowerCase(Locale.ROOT);
        for (Outcome outcome : Outcome.values()) {
            OscMetrics.RECONCILE_TOTAL.labelValues(name, outcome.label).inc(0);
        }
        OscMetrics.RECONCILE_ERRORS.labelValues(name).inc(0);
        OscMetrics.RECONCILE_TIME.labelValues(name);
    }

    /**
     * Records one reconcile.
     *
     * @param controller the object type reconciled (its enum name, e.g. {@code SECURITY_GROUP})
     * @param failed whether it failed (transient or terminal)
     * @param requeue for one that passed but asked to be looked at again, after how long (zero: after its
     *     backoff); null when it is done
     * @param nanos how long it ran
     */
    public static void record(String controller, boolean failed, Duration requeue, long nanos) {
        record(controller, failed ? Outcome.ERROR : requeue == null ? Outcome.SUCCESS
                : requeue.isZero() ? Outcome.REQUEUE : Outcome.REQUEUE_AFTER, nanos);
    }

    private static void record(String controller, Outcome outcome, long nanos) {
        String name = controller.toLowerCase(Locale.ROOT);
        OscMetrics.RECONCILE_TOTAL.labelValues(name, outcome.label).inc();
        if (outcome == Outcome.ERROR) {
            OscMetrics.RECONCILE_ERRORS.labelValues(name).inc();
        }
        OscMetrics.RECONCILE_TIME.labelValues(name).observe(nanos / 1e9);
    }
}
