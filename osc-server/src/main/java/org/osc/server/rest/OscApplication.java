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
 * OSC's own Jakarta REST application, at the root of the REST whiteboard ({@code /api}): every resource of the
 * server ({@code /api/server/v1/...}, {@code /api/openapi.json}) and the extensions (authentication, body limit,
 * JSON, problem answers) select it by name. Plugins' resources live in {@link PluginApplication} instead, so a
 * plugin coming or going makes the whiteboard rebuild that application, never this one: a request to OSC's API is
 * always served by a complete application with every error mapper in place.
 *
 * <p>Its base is the whiteboard's root, which is also the base of the whiteboard's implicit default application;
 * its ranking wins that place (the implicit default is reported shadowed), and {@link PluginApplication} takes the
 * default application's role under its own base.
 */
@Component(configurationPid = ClientAddress.PID, service = Application.class, property = "service.ranking:Integer=100")
@JakartarsApplicationBase("/")
// Served only with the audit filter in place: no request goes unaudited while it is still starting.
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.audit)")
@JakartarsName(OscApplication.NAME)
public class OscApplication extends Application {

    /** The application's name. */
    public static final String NAME = "osc";
    /** The filter a resource of OSC selects this application with. */
    public static final String SELECT = "(osgi.jakartars.name=" + NAME + ")";
    /** The filter an extension of OSC selects both applications with: OSC's and the plugins'. */
    public static final String SELECT_ALL = "(|(osgi.jakartars.name=" + NAME + ")(osgi.jakartars.name="
            + PluginApplication.NAME + "))";

    private final TrustedProxies proxies;

    /** @param configuration {@code trustedProxies}: the proxies whose {@code X-Forwarded-For} is believed */
    @Activate
    public OscApplication(Map<String, Object> configuration) {
        proxies = TrustedProxies.parse(String.valueOf(configuration.getOrDefault("trustedProxies", "")));
    }

    /** @return the filter that tells the audit trail the client's address (one per application: see its doc) */
    @Override
    public Set<Object> getSingletons() {
        return Set.of(new ClientAddress(proxies));
    }
}
