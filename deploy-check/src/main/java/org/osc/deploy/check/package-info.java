/**
 * Checks OSC's own Kubernetes manifests ({@code deploy/}): reading them ({@link org.osc.deploy.check.Manifests},
 * {@link org.osc.deploy.check.Kubectl}) and the hardening every object must have
 * ({@link org.osc.deploy.check.Hardening}). Not a bundle: only this module's tests use it.
 */
package org.osc.deploy.check;
