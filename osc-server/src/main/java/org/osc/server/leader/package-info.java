/**
 * Leader election among OSC's replicas: every replica serves the REST API, exactly one (the leader) runs the
 * controller loops, the cluster informers and the plugin calls.
 *
 * <p>{@link org.osc.server.leader.Leadership} says whether this replica leads and fences writes;
 * {@link org.osc.server.leader.LeaseLock} is the shared lock the election renews (a PostgreSQL row, or a Kubernetes
 * {@code coordination.k8s.io/v1} Lease provided by another bundle through
 * {@link org.osc.server.leader.LeaseLockFactory}).
 */
@Version("0.2.0")
package org.osc.server.leader;

import org.osgi.annotation.versioning.Version;
