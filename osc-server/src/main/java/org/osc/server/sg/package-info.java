/**
 * Security groups (workloads to protect: label members, optionally scoped to namespaces), their bindings to
 * virtual systems, the REST resource over both, and their reconcilers: a group becomes an SDN port group of
 * exactly its pods' ports and, once bound, a security group on each bound appliance's manager; a binding
 * becomes a manager policy mapping and an SDN inspection hook from the port group to a VNF inspection port.
 * Internal to the server: nothing here is exported.
 */
package org.osc.server.sg;
