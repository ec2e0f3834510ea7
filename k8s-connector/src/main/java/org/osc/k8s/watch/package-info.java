/**
 * Following a connector's cluster: pod and OSC Deployment informers on the connector's shared client, the
 * label-indexed pod cache that answers membership queries, the reports of membership-relevant pod changes and
 * VNF changes to the server, and the rebuild of informers that may have missed deletions.
 */
package org.osc.k8s.watch;
