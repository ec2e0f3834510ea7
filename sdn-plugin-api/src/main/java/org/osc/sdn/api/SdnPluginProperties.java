package org.osc.sdn.api;

/** Placeholder until the SPI lands. */
public final class SdnPluginProperties {
    private SdnPluginProperties() {
    }
}
