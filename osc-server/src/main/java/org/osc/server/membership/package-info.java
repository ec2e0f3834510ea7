/**
 * Security group membership that follows the cluster by itself. The virtualization platform reports pod
 * changes ({@link org.osc.platform.api.WorkloadEvents}); {@link org.osc.server.membership.MembershipRouter}
 * finds the groups whose label members (and namespace filters) match the pod before or after the change and
 * asks for their reconcile; {@link org.osc.server.membership.ConnectorWatcher} tells the platforms which
 * connectors to follow and reconciles every group at start and periodically, as a backstop for anything an
 * event could not say. Events never carry decisions: the existing reconcilers read current state and decide.
 * Internal to the server: nothing here is exported.
 */
package org.osc.server.membership;
