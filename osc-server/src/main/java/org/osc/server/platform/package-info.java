/**
 * The server's side of the virtualization-platform SPI ({@code org.osc.platform.api}): the registry of the
 * platforms and deployment targets present, by connector type. Internal to the server, not exported.
 */
package org.osc.server.platform;
