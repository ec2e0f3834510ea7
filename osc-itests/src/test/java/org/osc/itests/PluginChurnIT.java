package org.osc.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * A plugin with REST resources of its own (the sample SDN plugin) is uploaded and removed over REST ten times while
 * parallel clients read OSC's endpoints and the plugin's: OSC's answers never change (200 for what exists, a
 * problem+json 404 for a missing id), the plugin's are 200 or a problem+json 404, and no answer is a 5xx, HTML or
 * a broken connection. Before OSC's resources had a Jakarta REST application of their own, the whiteboard rebuilt
 * the one application they shared with the plugins' resources, and a request in between could miss OSC's error
 * handling.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginChurnIT {

    private static final String ADMIN = "admin";
    private static final String PASSWORD = AssembledRuntime.ADMIN_PASSWORD;
    private static final int PORT = AssembledRuntime.port();
    private static final int CYCLES = 10;
    private static final int CLIENTS = 6;
    /** The sample SDN plugin's state, served by the plugin while it is installed. */
    private static final String PLUGIN_STATE = "plugins/sample/sdn/state";

    @Inject
    private BundleContext context;

    private final Http http = new Http(PORT);

    @Configuration
    public Option[] config() {
        return AssembledRuntime.options(AssembledRuntime.home(), PORT);
    }

    @Before
    public void ready() throws InterruptedException {
        try {
            http.awaitReady(Duration.ofSeconds(60));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; not running:" + Diagnostics.describe(context), e);
        }
    }

    @Test
    public void oscEndpointsAnswerTheSameWhileAPluginComesAndGoes() throws Exception {
        byte[] plugin = Files.readAllBytes(AssembledRuntime.distPlugin("sdn-sample-plugin"));
        List<Probe> probes = List.of(
                new Probe("server/v1/serverManagement/status", false, s -> s == 200),
                new Probe("server/v1/jobs", true, s -> s == 200),
                new Probe("server/v1/plugins", true, s -> s == 200),
                new Probe("openapi.json", false, s -> s == 200),
                new Probe("server/v1/catalog/987654", true, s -> s == 404),
                new Probe("server/v1/users/nobody-here", true, s -> s == 404),
                new Probe("server/v1/no-such-collection", true, s -> s == 404),
                new Probe(PLUGIN_STATE, true, s -> s == 200 || s == 404 || s == 503));
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong pluginServed = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int first = c;
            workers.add(clients.submit(() -> {
                for (int i = first; running.get(); i++) {
                    Probe probe = probes.get(i % probes.size());
                    String problem = probe.check(http, statuses, pluginServed);
                    if (problem != null) {
                        wrong.add(problem);
                    }
                }
            }));
        }
        try {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                Http.Reply uploaded = http.postBytes("server/v1/plugins", ADMIN, PASSWORD, plugin);
                assertEquals(uploaded.body(), 201, uploaded.status());
                String name = uploaded.json().path("items").path(0).path("name").asText();
                awaitStatus(PLUGIN_STATE, 200);
                Http.Reply removed = http.delete("server/v1/plugins/" + name, ADMIN, PASSWORD);
                assertEquals(removed.body(), 204, removed.status());
                awaitStatus(PLUGIN_STATE, 404);
            }
        } finally {
            running.set(false);
            for (Future<?> client : workers) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdownNow();
        }
        long answered = statuses.values().stream().mapToLong(AtomicLong::get).sum();
        assertTrue("no wrong answer among " + answered + " " + statuses + ": " + first(wrong), wrong.isEmpty());
        assertTrue("the clients saw the plugin served: " + statuses, pluginServed.get() > 0);
        assertTrue("enough requests ran during the churn: " + statuses, answered > CYCLES * 20);
    }

    private void awaitStatus(String path, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.get(path, ADMIN, PASSWORD).status() != status) {
            assertTrue(path + " answers " + status + " within 30 s", System.nanoTime() < deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> first(ConcurrentLinkedQueue<String> wrong) {
        return wrong.stream().limit(10).toList();
    }

    /** One endpoint a client reads, and the statuses it may answer. */
    private record Probe(String path, boolean authenticated, Predicate<Integer> expected) {

        /** @return what was wrong with the answer, or null */
        String check(Http http, Map<Integer, AtomicLong> statuses, AtomicLong pluginServed) {
            Http.Reply reply;
            try {
                reply = authenticated ? http.get(path, ADMIN, PASSWORD) : http.get(path, null, null);
            } catch (IllegalStateException e) {
                return path + ": no answer (" + e.getMessage() + ")";
            }
            statuses.computeIfAbsent(reply.status(), s -> new AtomicLong()).incrementAndGet();
            if (reply.status() == 200 && path.equals(PLUGIN_STATE)) {
                pluginServed.incrementAndGet();
            }
            String type = reply.contentType();
            boolean json = type.startsWith("application/json") || type.startsWith("application/problem+json");
            boolean problem = reply.status() < 400 || type.startsWith("application/problem+json");
            if (!expected.test(reply.status()) || !json || !problem || reply.json() == null) {
                return path + ": " + reply.status() + " " + type + " " + abbreviate(reply.body());
            }
            return null;
        }

        private static String abbreviate(String body) {
            return body == null || body.length() <= 200 ? body : body.substring(0, 200) + "...";
        }
    }
}
