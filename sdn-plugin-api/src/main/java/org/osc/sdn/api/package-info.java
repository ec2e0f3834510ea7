/**
 * The SDN-controller SPI: what an SDN plugin implements so that OSC can steer workload traffic through
 * security appliances.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.osc.sdn.api;
