/**
 * Prometheus metrics: the registry every recorder writes to ({@link org.osc.server.metrics.OscMetrics}), the
 * recorders the reconcile loop, the work queue and the membership path call, the gauges read from the database at
 * scrape time, the REST request filter, and the {@code /metrics} servlet. The Prometheus client is embedded in
 * this bundle; nothing here is exported.
 */
package org.osc.server.metrics;
