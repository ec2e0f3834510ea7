/**
 * The SDN-controller SPI: what an SDN plugin implements so that OSC can steer workload traffic through
 * security appliances. A plugin registers one {@link org.osc.sdn.api.SdnControllerApi} service with the
 * properties in {@link org.osc.sdn.api.SdnPluginProperties}; OSC opens a
 * {@link org.osc.sdn.api.RedirectionSession} per reconciliation. Every mutating call is idempotent, and errors
 * are subclasses of {@link org.osc.sdn.api.SdnException}. Plugins verify their behaviour by extending the
 * contract test shipped in this module's test-jar.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.osc.sdn.api;
