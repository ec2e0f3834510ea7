/**
 * A write on a follower is not lost, and a new leader finishes what a dead one left: with several replicas on one
 * database, every replica stores the QUEUED job a REST write asks for, and only the leader runs jobs.
 *
 * <p>{@link org.osc.server.handoff.JobHandoff} makes the leader adopt every QUEUED job it does not run yet (the
 * job's object is reconciled by its next run, which runs that very job, so the job id a follower answered ends
 * PASSED or FAILED), woken at once on PostgreSQL by the notification the storing transaction sends
 * ({@link org.osc.server.handoff.JobNotifications}), and by a poll; when a replica starts leading it also ends the
 * RUNNING jobs a previous leader left (they would never end) and reconciles their objects again. When it stops
 * leading, the jobs it kept and did not start stay QUEUED for the next leader.
 */
package org.osc.server.handoff;
