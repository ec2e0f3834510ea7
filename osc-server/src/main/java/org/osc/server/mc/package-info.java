/**
 * Manager connectors: the security managers OSC reaches through manager plugins, with the domains and
 * policies read from them by the connector's reconciler.
 */
package org.osc.server.mc;
