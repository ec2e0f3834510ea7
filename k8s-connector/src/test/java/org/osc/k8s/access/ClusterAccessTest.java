package org.osc.k8s.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osc.platform.api.AccessDeniedException;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.PlatformException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Refusals the simulated cluster cannot produce (it authenticates nobody), from a stub HTTP server that answers
 * each path with a fixed status and body.
 */
class ClusterAccessTest {

    private static final String VERSION = "{\"major\":\"1\",\"minor\":\"32\"}";
    private static final String REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    private HttpServer server;
    private ExecutorService workers;
    private String url;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        workers = Executors.newFixedThreadPool(16);
        server.setExecutor(workers);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
        workers.shutdownNow();
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

    @Test
    void theAccessReviewsOfANamespaceAreAskedTogether() throws PlatformException {
        int reviews = Permission.needed(List.of("shop")).size();
        CountDownLatch arrived = new CountDownLatch(reviews);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        String allowed = "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                + "\"status\":{\"allowed\":true}}";
        answer(Map.of("/version", new Reply(200, VERSION), "/api/v1/namespaces/shop", new Reply(200,
                "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"shop\"}}"),
                REVIEWS, new Reply(201, allowed)), exchange -> {
                    if (exchange.getRequestURI().getPath().equals(REVIEWS)) {
                        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        arrived.countDown();
                        try {
                            // Answers only once all reviews are asked, or after a second: one at a time, the
                            // check would still pass, in a second per review, with one in flight.
                            arrived.await(1, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        inFlight.decrementAndGet();
                    }
                });
        try (ClusterAccess access = new ClusterAccess()) {
            access.check(new ConnectorInfo(0, "stub", null, null, url, "a-token", null, false), List.of("shop"));
        }
        assertEquals(reviews, most.get(), "reviews in flight at once");
    }

    @Test
    void aConnectorsChecksReuseTheirConnectionsUntilItsSettingsChange() throws PlatformException {
        answerAllowed();
        ConnectorInfo connector = new ConnectorInfo(7, "stub", null, null, url, "a-token", null, false);
        int requests = 2 + Permission.needed(List.of("shop")).size();
        // No passed check trusted: every check asks.
        try (ClusterAccess access = new ClusterAccess(ClusterAccess.DEFAULT_TIMEOUT, ClusterAccess.IDLE,
                Duration.ZERO)) {
            access.check(connector, List.of("shop"));
            int first = connections();
            assertEquals(requests, seen.size(), "version, namespace and reviews");
            for (int i = 0; i < 5; i++) {
                access.check(connector, List.of("shop"));
            }
            int later = connections() - first;
            System.out.println("check of one namespace: " + requests + " requests; connections opened by the first "
                    + "check: " + first + ", by the 5 next ones: " + later);
            assertEquals(6 * requests, seen.size(), "each check asks again");
            // A new client per check opens about as many connections as requests each time (50 or more here); a
            // connection that is back in the pool a moment after its answer may make a later check open a few.
            assertTrue(later < 5 * requests / 2, "later checks reuse the first one's connections: " + later + " new");

            // New credentials: a client of their own, which sends them.
            access.check(new ConnectorInfo(7, "stub", null, null, url, "another-token", null, false), List.of());
            assertEquals("Bearer another-token", seen.get(seen.size() - 1).authorization());
            assertTrue(access.holds(7));
            access.release(7);
            assertTrue(!access.holds(7), "released with the connector");
        }
    }

    @Test
    void keptConnectionsTheServerDropsAreNotTakenForItsAnswer() throws PlatformException {
        Set<Integer> dropped = ConcurrentHashMap.newKeySet();
        answer(allowed(), exchange -> {
            if (dropped.contains(exchange.getRemoteAddress().getPort())) {
                // The server closes the kept connection without an answer (an idle timeout on its side).
                throw new IllegalStateException("connection dropped");
            }
        });
        ConnectorInfo connector = new ConnectorInfo(7, "stub", null, null, url, "a-token", null, false);
        try (ClusterAccess access = new ClusterAccess(ClusterAccess.DEFAULT_TIMEOUT, ClusterAccess.IDLE,
                Duration.ZERO)) {
            access.check(connector, List.of("shop"));
            seen.forEach(request -> dropped.add(request.port()));
            access.check(connector, List.of("shop"));
            assertTrue(seen.stream().anyMatch(request -> !dropped.contains(request.port())),
                    "asked again on new connections");
        }
    }

    @Test
    void anIdleCheckClientIsClosed() throws Exception {
        answerAllowed();
        try (ClusterAccess access = new ClusterAccess(ClusterAccess.DEFAULT_TIMEOUT, Duration.ofMillis(200),
                ClusterAccess.TRUSTED)) {
            access.check(new ConnectorInfo(7, "stub", null, null, url, "a-token", null, false), List.of());
            assertTrue(access.holds(7));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (access.holds(7) && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertTrue(!access.holds(7), "closed after its idle time without another check");
        }
    }

    @Test
    void aPassedCheckIsTrustedForAWhileAndAFailedOneNever() throws Exception {
        String denied = "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                + "\"status\":{\"allowed\":false}}";
        Map<String, Reply> replies = new ConcurrentHashMap<>(allowed());
        answer(replies);
        ConnectorInfo connector = new ConnectorInfo(7, "stub", null, null, url, "a-token", null, false);
        Duration trusted = Duration.ofMillis(1_500);
        try (ClusterAccess access = new ClusterAccess(ClusterAccess.DEFAULT_TIMEOUT, ClusterAccess.IDLE, trusted)) {
            long passedAt = System.nanoTime();
            access.check(connector, List.of("shop"));
            int asked = seen.size();
            replies.put(REVIEWS, new Reply(201, denied)); // the permissions are revoked
            access.check(connector, List.of("shop"));
            boolean withinTrust = System.nanoTime() - passedAt < trusted.toNanos();
            assertEquals(asked, seen.size(), "the same check again at once is not asked of the cluster");
            assertTrue(withinTrust, "the second check came within the trusted time (a slow machine?)");

            assertThrows(AccessDeniedException.class, () -> access.check(connector, List.of()),
                    "other namespaces are asked");
            assertThrows(AccessDeniedException.class, () -> access.check(connector, List.of("shop")),
                    "a failed check makes the passed ones forgotten");
            assertTrue(System.nanoTime() - passedAt < trusted.toNanos(), "still within the trusted time");
            replies.putAll(allowed());
            access.check(connector, List.of("shop"));
            replies.put(REVIEWS, new Reply(201, denied));
            assertThrows(AccessDeniedException.class, () -> access.check(new ConnectorInfo(7, "stub", null, null,
                    url, "another-token", null, false), List.of("shop")), "other settings are asked");

            replies.putAll(allowed()); // granted again: seen at once, a failure is never trusted
            access.check(connector, List.of("shop"));
            replies.put(REVIEWS, new Reply(201, denied)); // and revoked again: seen once the trust ends
            Thread.sleep(trusted.toMillis());
            AccessDeniedException revoked = assertThrows(AccessDeniedException.class,
                    () -> access.check(connector, List.of("shop")));
            assertTrue(revoked.getMessage().contains("may not list or watch pods in namespace shop"),
                    revoked.getMessage());
        }
    }

    private int connections() {
        return (int) seen.stream().mapToInt(Seen::port).distinct().count();
    }

    private void answerAllowed() {
        answer(allowed());
    }

    private static Map<String, Reply> allowed() {
        return Map.of("/version", new Reply(200, VERSION), "/api/v1/namespaces/shop", new Reply(200,
                "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"shop\"}}"),
                REVIEWS, new Reply(201, "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":"
                        + "\"SelfSubjectAccessReview\",\"status\":{\"allowed\":true}}"));
    }

    private void check() throws PlatformException {
        try (ClusterAccess access = new ClusterAccess()) {
            access.check(new ConnectorInfo(0, "stub", null, null, url, "a-token", null, false), List.of());
        }
    }

    private record Reply(int code, String body) {
    }

    /** A request the stub answered: the client's port (one per connection) and its credentials. */
    private record Seen(int port, String authorization) {
    }

    private void answer(Map<String, Reply> replies) {
        answer(replies, exchange -> { });
    }

    private void answer(Map<String, Reply> replies, Consumer<HttpExchange> before) {
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRemoteAddress().getPort(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            before.accept(exchange);
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
