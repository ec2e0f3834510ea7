/**
 * The SDN-controller SPI: what an SDN plugin implements so that OSC can steer workload traffic through
 * security appliances. A plugin registers one {@link org.osc.sdn.api.SdnControllerApi} service with the
 * properties in {@link org.osc.sdn.api.SdnPluginProperties}; OSC opens a
 * {@link org.osc.sdn.api.RedirectionSession} per reconciliation. Every mutating call is idempotent, and errors
 * are subclasses of {@link org.osc.sdn.api.SdnException}. A plugin that can report changes on its own
 * initiative also implements {@link org.osc.sdn.api.SdnNotifier}, through which OSC hands it an
 * {@link org.osc.sdn.api.SdnNotifications} context (since 1.1). Inspection ports have a health that hooks
 * follow with their failure policy (also since 1.1). Plugins verify their behaviour by extending the
 * contract test shipped in this module's test-jar.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.osc.sdn.api;
