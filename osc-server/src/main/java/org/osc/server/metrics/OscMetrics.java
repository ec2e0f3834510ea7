package org.osc.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The server's one metrics registry and the families recorded as things happen (the gauges read at scrape time
 * are {@link StateGauges}). Static on purpose: the work queue and the reconcile loop are also built outside OSGi
 * (tests, the benchmark), and a recorder must cost them nothing to reach. The registry lives as long as this
 * bundle's class loader; a restarted bundle starts from zero, as a restarted process would.
 *
 * <p>Names follow controller-runtime's ({@code reconcile_*}, {@code workqueue_*}) with the {@code osc_} prefix;
 * {@code docs/metrics.md} lists every family.
 */
public final class OscMetrics {

    /** Where every OSC family and the JVM's are registered; what {@code /metrics} writes. */
    public static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

    /** Buckets for durations from a millisecond to a minute (reconciles, queue waits, programming). */
    static final double[] SECONDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    static final Counter RECONCILE_TOTAL = Counter.builder().name("osc_reconcile_total")
            .help("Reconciles run, by controller (object type) and result (success, error, requeue, requeue_after)")
            .labelNames("controller", "result").withoutExemplars().register(REGISTRY);
    static final Counter RECONCILE_ERRORS = Counter.builder().name("osc_reconcile_errors_total")
            .help("Reconciles that failed (transient or terminal), by controller")
            .labelNames("controller").withoutExemplars().register(REGISTRY);
    static final Histogram RECONCILE_TIME = Histogram.builder().name("osc_reconcile_time_seconds")
            .help("How long a reconcile (its job) ran, by controller")
            .labelNames("controller").classicOnly().classicUpperBounds(SECONDS).withoutExemplars()
            .register(REGISTRY);

    static final Gauge QUEUE_DEPTH = Gauge.builder().name("osc_workqueue_depth")
            .help("Keys waiting to be taken by a worker (not the delayed ones, nor those being processed)")
            .labelNames("name").withoutExemplars().register(REGISTRY);
    static final Counter QUEUE_ADDS = Counter.builder().name("osc_workqueue_adds_total")
            .help("Keys added to the queue (an add of a key already waiting is not counted)")
            .labelNames("name").withoutExemplars().register(REGISTRY);
    static final Histogram QUEUE_DURATION = Histogram.builder().name("osc_workqueue_queue_duration_seconds")
            .help("How long a key waited in the queue, from its add to a worker taking it")
            .labelNames("name").classicOnly().classicUpperBounds(SECONDS).withoutExemplars().register(REGISTRY);
    static final Counter QUEUE_RETRIES = Counter.builder().name("osc_workqueue_retries_total")
            .help("Rate-limited adds: a key queued again after its backoff")
            .labelNames("name").withoutExemplars().register(REGISTRY);

    static final Histogram MEMBERSHIP_PROGRAMMING = Histogram.builder()
            .name("osc_membership_programming_duration_seconds")
            .help("From a pod event OSC received to the security group's port group holding the change on the SDN"
                    + " controller")
            .classicOnly().classicUpperBounds(SECONDS).withoutExemplars().register(REGISTRY);

    static final Histogram HTTP_REQUESTS = Histogram.builder().name("osc_http_request_duration_seconds")
            .help("REST requests under /api, by method, route template and status; _count is the request count")
            .labelNames("method", "route", "status").classicOnly()
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .withoutExemplars().register(REGISTRY);
    static final Counter LOGIN_FAILURES = Counter.builder().name("osc_login_failures_total")
            .help("Requests whose credentials were refused (401 although an Authorization header was sent)")
            .labelNames("endpoint").withoutExemplars().register(REGISTRY);

    static final Counter LOGIN_LOCKOUTS = Counter.builder().name("osc_login_lockouts_total")
            .help("Locks of logins that began after failed logins, by what is locked: a user name or a client address")
            .labelNames("kind").withoutExemplars().register(REGISTRY);
    static final Counter LOGIN_THROTTLED = Counter.builder().name("osc_login_throttled_total")
            .help("Logins refused without a password check: locked (429) or too many checks waiting (busy, 503)")
            .labelNames("reason").withoutExemplars().register(REGISTRY);

    static {
        JvmMetrics.builder().register(REGISTRY);
        LOGIN_LOCKOUTS.labelValues("name").inc(0);
        LOGIN_LOCKOUTS.labelValues("address").inc(0);
        LOGIN_THROTTLED.labelValues("locked").inc(0);
        LOGIN_THROTTLED.labelValues("busy").inc(0);
        // Shown at 0 from the start, so that a rate over them exists before the first failure.
        LOGIN_FAILURES.labelValues("api").inc(0);
        LOGIN_FAILURES.labelValues("metrics").inc(0);
    }

    private OscMetrics() {
    }
}
