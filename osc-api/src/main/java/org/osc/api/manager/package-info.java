/**
 * The security-manager SPI: what a manager plugin implements so that OSC can keep a security manager
 * (the vendor's console that owns policies and appliances) in step with what OSC deploys and protects.
 * <p>
 * A plugin registers one {@link org.osc.api.manager.ApplianceManagerApi} service per manager type, with the
 * capability properties of {@link org.osc.api.manager.ManagerPluginProperties}. OSC asks it, for one manager
 * connector at a time, for small sub-APIs (domains, devices, security groups, security-group interfaces,
 * device status); optional sub-APIs exist only when the matching capability property is {@code true}.
 * <p>
 * Rules shared by every sub-API:
 * <ul>
 * <li>Ids of manager-side objects are strings chosen by the manager; OSC stores them and passes them back.</li>
 * <li>Creates are keyed by an OSC-side key (virtual-system id, security-group id, binding id, member name):
 * creating again with a key that exists returns the existing object unchanged, so a retried or repeated
 * reconciliation never duplicates anything. Updates replace the whole object; deletes of a missing object
 * are no-ops.</li>
 * <li>Errors are typed: {@link org.osc.api.manager.ManagerAuthenticationException} (credentials refused),
 * {@link org.osc.api.manager.ManagerUnreachableException} (manager cannot be reached),
 * {@link org.osc.api.manager.ManagerObjectNotFoundException} (the object a call addresses by id does not
 * exist), {@link org.osc.api.manager.ManagerValidationException} (bad input, including a reference inside
 * the input to something that does not exist), and {@link org.osc.api.manager.ManagerException} for
 * anything else. Absent results are {@link java.util.Optional#empty()}, never {@code null}.</li>
 * </ul>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.osc.api.manager;
