/**
 * The job engine: every reconcile runs as a persisted job whose tasks are the steps it took.
 *
 * <p>{@link org.osc.server.job.JobEngine#prepare} stores a job as QUEUED; {@link org.osc.server.job.JobEngine#run}
 * runs its {@link org.osc.server.job.JobBody} on the caller's thread, recording each step taken through the
 * {@link org.osc.server.job.JobContext} as a task, and writes the job's transitions to a
 * {@link org.osc.server.job.JobStore} (its end before anyone is told). Nothing here depends on OSGi or Hibernate.
 */
package org.osc.server.job;
