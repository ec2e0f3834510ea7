/**
 * The job engine: every change of external state runs as a persisted job made of tasks.
 *
 * <p>Reconcilers build a {@link org.osc.server.job.JobGraph} of plain {@link org.osc.server.job.Task} lambdas and
 * submit it to the {@link org.osc.server.job.JobEngine}; the engine runs it on a bounded pool, serialises jobs that
 * share a lock key, and writes every state transition to a {@link org.osc.server.job.JobStore} before taking the
 * next step. Nothing here depends on OSGi or Hibernate.
 */
package org.osc.server.job;
