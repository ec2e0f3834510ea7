/**
 * The reconcile loop: one keyed work queue ({@link org.osc.server.reconcile.ReconcileQueue}) that every event
 * source feeds with object ids, worker threads ({@link org.osc.server.reconcile.ReconcileService}) that run each
 * object's {@link org.osc.server.reconcile.Reconciler} as a job, and the one place that acts on how it ended
 * ({@link org.osc.server.reconcile.Result}: done, requeue after a delay, failed transiently → retried with per-key
 * exponential backoff, failed terminally → wait for a change; {@link org.osc.server.reconcile.Failures} classifies
 * what a reconcile threw).
 */
package org.osc.server.reconcile;
