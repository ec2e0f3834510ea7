package org.osc.sample.sdn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

import jakarta.ws.rs.core.MediaType;

/**
 * Serves one resource through Jersey in memory, with the Jackson provider, under the whiteboard's
 * {@code /api} root: the annotations, paths and JSON are exercised without a server or a socket.
 */
final class InMemoryRest {

    /** A response: status and body text. */
    record Reply(int status, String body) {
    }

    private static final URI BASE = URI.create("http://localhost/api/");

    private final ApplicationHandler handler;

    InMemoryRest(Object resource) {
        handler = new ApplicationHandler(new ResourceConfig().registerInstances(resource).register(JacksonJsonProvider.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true));
    }

    Reply call(String method, String path, String jsonBody) throws Exception {
        ContainerRequest request = new ContainerRequest(BASE, BASE.resolve(path), method, null,
                new MapPropertiesDelegate(), null);
        if (jsonBody != null) {
            request.getHeaders().putSingle("Content-Type", MediaType.APPLICATION_JSON);
            request.setEntityStream(new ByteArrayInputStream(jsonBody.getBytes(StandardCharsets.UTF_8)));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ContainerResponse response = handler.apply(request, body).get(10, TimeUnit.SECONDS);
        return new Reply(response.getStatus(), body.toString(StandardCharsets.UTF_8));
    }
}
