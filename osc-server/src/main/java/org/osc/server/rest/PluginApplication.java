package org.osc.server.rest;

import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationBase;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import jakarta.ws.rs.core.Application;

/**
 * The application of the plugins' REST resources, under {@code /api/plugins}: it replaces the whiteboard's default
 * application, so a plugin's resource that selects no application (the usual case) is served here, e.g. the
 * sample SDN plugin's {@code sample/sdn} at {@code /api/plugins/sample/sdn}. OSC's extensions select it too, so the
 * plugins' resources have the same authentication, body limit, JSON mapping and problem answers as OSC's own.
 */
@Component(configurationPid = ClientAddress.PID, service = Application.class)
@JakartarsApplicationBase(PluginApplication.BASE)
// Served only with the audit filter in place: no request goes unaudited while it is still starting.
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.audit)")
@JakartarsName(PluginApplication.NAME)
public class PluginApplication extends Application {

    /** The name of the whiteboard's default application, which this one replaces. */
    public static final String NAME = ".default";
    /** Where the plugins' resources are served, under the whiteboard's root. */
    public static final String BASE = "/plugins";

    private final TrustedProxies proxies;

    /** @param configuration {@code trustedProxies}: the proxies whose {@code X-Forwarded-For} is believed */
    @Activate
    public PluginApplication(Map<String, Object> configuration) {
        proxies = TrustedProxies.parse(String.valueOf(configuration.getOrDefault("trustedProxies", "")));
    }

    /** @return the filter that tells the audit trail the client's address (one per application: see its doc) */
    @Override
    public Set<Object> getSingletons() {
        return Set.of(new ClientAddress(proxies));
    }
}
