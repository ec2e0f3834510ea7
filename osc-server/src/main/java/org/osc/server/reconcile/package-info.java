/**
 * The reconcile loop: one keyed work queue ({@link org.osc.server.reconcile.ReconcileQueue}) that every event
 * source feeds with object ids, worker threads ({@link org.osc.server.reconcile.ReconcileService}) that run each
 * object's {@link org.osc.server.reconcile.Reconciler} as a job, and the rules that decide what follows a failure
 * ({@link org.osc.server.reconcile.Failures}: transient → retried with per-key exponential backoff, terminal → wait
 * for a change).
 */
package org.osc.server.reconcile;
