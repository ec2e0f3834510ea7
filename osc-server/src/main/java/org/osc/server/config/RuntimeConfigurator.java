package org.osc.server.config;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osc.server.config.OscSettings.Key;
import org.osc.server.membership.ConnectorWatcher;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the server's settings into the configurations of the runtime's own components: the HTTP server
 * (address, port), the Jakarta REST whiteboard (served under {@code /api}) and the period of the full resync
 * ({@link ConnectorWatcher}). The HTTP server starts disabled
 * in the runtime's properties and is enabled here, so it never listens on a port the user did not choose.
 */
@Component(immediate = true)
public class RuntimeConfigurator {

    /** The HTTP server's configuration PID (Apache Felix HTTP Jetty). */
    static final String HTTP_PID = "org.apache.felix.http";
    /** The REST whiteboard's configuration PID (Eclipse OSGi Technology REST). */
    static final String REST_PID = "JakartarsServletWhiteboardRuntimeComponent";
    /** Where the REST whiteboard is served. */
    public static final String API_ROOT = "/api";

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeConfigurator.class);

    /** Applies the settings to the runtime's configurations. */
    @Activate
    public RuntimeConfigurator(@Reference ConfigurationAdmin admin) throws IOException {
        OscSettings settings = OscSettings.load();
        int port = settings.getInt(Key.HTTP_PORT);
        String host = settings.get(Key.BIND_ADDRESS);

        Dictionary<String, Object> http = new Hashtable<>();
        http.put("org.apache.felix.http.enable", true);
        http.put("org.osgi.service.http.port", port);
        http.put("org.apache.felix.http.host", host);
        http.put("org.apache.felix.http.jetty.sendServerHeader", false);
        update(admin.getConfiguration(HTTP_PID, "?"), http);

        Dictionary<String, Object> rest = new Hashtable<>();
        rest.put("jersey.context.path", API_ROOT);
        update(admin.getConfiguration(REST_PID, "?"), rest);

        Dictionary<String, Object> membership = new Hashtable<>();
        membership.put("resyncSeconds", (long) settings.getInt(Key.RESYNC_SECONDS));
        update(admin.getConfiguration(ConnectorWatcher.PID, "?"), membership);
        LOG.info("OSC listens on http://{}:{}{}", host, port, API_ROOT);
    }

    private static void update(Configuration configuration, Dictionary<String, Object> properties)
            throws IOException {
        configuration.updateIfDifferent(properties);
    }
}
