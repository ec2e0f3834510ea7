/**
 * Immutable values exchanged between OSC and an SDN plugin: network elements (workload ports, port groups),
 * inspection ports, inspection hooks, and the identities OSC uses to name workloads and connectors.
 *
 * <p>Every value validates its components on construction (blank ids and nulls are rejected with
 * {@link java.lang.IllegalArgumentException} or {@link java.lang.NullPointerException}) and copies collections,
 * so a value received from OSC or from a plugin can be kept without defensive copies.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.osc.sdn.api.element;
