/**
 * The leader election's implementation, inside the server bundle only (not exported): the elector's loop
 * ({@link org.osc.server.leader.internal.LeaderElector}), the server's election component and its choice of lock,
 * the PostgreSQL lease row, the single process that always leads, and fencing at the plugin and platform boundary
 * ({@link org.osc.server.leader.internal.Fencing}).
 */
package org.osc.server.leader.internal;
