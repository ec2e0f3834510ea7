/**
 * Immutable values exchanged through the security-manager SPI. {@code *Spec} records are what OSC wants
 * (inputs of create and update calls); {@code *Element} records are what the manager holds, with the
 * manager-side id. Each element can be turned back into its spec, so that a reconciler decides whether an
 * update is needed with a plain {@code equals}.
 * <p>
 * Constructors reject {@code null} for required fields and copy collections, so a value never changes after
 * construction; they do not judge content (blank names, malformed addresses): that is the manager's job, and
 * it answers with a {@link org.osc.api.manager.ManagerValidationException}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.osc.api.manager.element;
