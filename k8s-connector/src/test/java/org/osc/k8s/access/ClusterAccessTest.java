package org.osc.k8s.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osc.platform.api.AccessDeniedException;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.PlatformException;

import com.sun.net.httpserver.HttpServer;

/**
 * Refusals the simulated cluster cannot produce (it authenticates nobody), from a stub HTTP server that answers
 * each path with a fixed status and body.
 */
class ClusterAccessTest {

    private static final String VERSION = "{\"major\":\"1\",\"minor\":\"32\"}";
    private static final String REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void refusedCredentialsAreSaidToBeTheCredentials() {
        answer(Map.of("/version", new Reply(401, status(401, "Unauthorized"))));
        AccessDeniedException e = assertThrows(AccessDeniedException.class, this::check);
        assertEquals("the credentials were refused by the API server at " + url + " (HTTP 401)", e.getMessage());
    }

    @Test
    void credentialsThatMayNotAskAreRefusedToo() {
        answer(Map.of("/version", new Reply(200, VERSION), REVIEWS, new Reply(403, status(403, "forbidden"))));
        AccessDeniedException e = assertThrows(AccessDeniedException.class, this::check);
        assertTrue(e.getMessage().contains("may not create selfsubjectaccessreviews.authorization.k8s.io on the "
                + "API server at " + url + ", so OSC cannot check its permissions"), e.getMessage());
    }

    @Test
    void somethingElseThanAnApiServerIsNamed() {
        answer(Map.of("/version", new Reply(404, "<html>no such page</html>")));
        PlatformException e = assertThrows(PlatformException.class, this::check);
        assertEquals("the API server at " + url + " failed GET /version with HTTP 404", e.getMessage());
    }

    @Test
    void aDeniedReviewIsNamed() {
        answer(Map.of("/version", new Reply(200, VERSION), REVIEWS, new Reply(201,
                "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"status\":"
                        + "{\"allowed\":false,\"reason\":\"no RBAC rule\"}}")));
        AccessDeniedException e = assertThrows(AccessDeniedException.class, this::check);
        assertEquals("the credentials lack permissions OSC needs on the API server at " + url
                + ": may not list or watch pods in all namespaces", e.getMessage());
    }

    private void check() throws PlatformException {
        new ClusterAccess().check(new ConnectorInfo(0, "stub", null, null, url, "a-token", null, false), List.of());
    }

    private record Reply(int code, String body) {
    }

    private void answer(Map<String, Reply> replies) {
        server.createContext("/", exchange -> {
            Reply reply = replies.getOrDefault(exchange.getRequestURI().getPath(), new Reply(404, status(404, "")));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.code(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private static String status(int code, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"" + message
                + "\",\"code\":" + code + "}";
    }
}
