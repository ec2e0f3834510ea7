package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.itests.dist.OscRest.json;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brute-force resistance of the distribution run as a process, over real HTTP: wrong passwords lock the user name
 * (429 with {@code Retry-After}, the API and {@code /metrics} alike) until the lock is over; a wrong password takes
 * as long for a name no user has as for a user's; and 8 connections flooding wrong passwords leave an authenticated
 * client's GETs fast. The timing and the flood run on a second server whose lockout is out of reach (a threshold of a
 * million failures), so that every wrong password there costs its bcrypt check: what the bounded pool of checks is
 * for. Prints its figures ({@code BRUTEFORCE ...} lines). The bounds are those of issue 14 (a few milliseconds, 20 ms
 * p99), relaxed only on a machine too loaded to meet them without any flood (see each test).
 */
class BruteForceIT {

    private static final String PASSWORD = "bruteforce-admin-pass";
    private static final String VICTIM_PASSWORD = "victims-right-password";
    private static final int TIMED = 50;
    private static final Duration FLOOD = Duration.ofSeconds(10);
    private static final int FLOODERS = 8;

    @TempDir
    static Path folder;
    static DistributionProcess locking;
    static DistributionProcess open;
    static OscRest admin;
    static OscRest openAdmin;

    @BeforeAll
    static void start() throws Exception {
        locking = new DistributionProcess(folder.resolve("locking"), PASSWORD);
        locking.start();
        admin = new OscRest(locking.url(), PASSWORD);
        OscRest.within(Duration.ofSeconds(60), "the distribution's three plugins loaded",
                () -> admin.get("server/v1/plugins").path("items").size() == 3, () -> admin.get("server/v1/plugins"));
        admin.post(201, "server/v1/users", json(Map.of("name", "victim", "password", VICTIM_PASSWORD,
                "role", "auditor")));

        open = new DistributionProcess(folder.resolve("open"), PASSWORD)
                .env("OSC_LOGIN_LOCK_AFTER_FAILURES", "1000000");
        open.start();
        openAdmin = new OscRest(open.url(), PASSWORD);
        openAdmin.post(201, "server/v1/users", json(Map.of("name", "victim", "password", VICTIM_PASSWORD,
                "role", "auditor")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (locking != null) {
            locking.close();
        }
        if (open != null) {
            open.close();
        }
    }

    @Test
    void twentyWrongPasswordsAreAnswered429WithRetryAfterAndTheRightPasswordWorksAfterTheLock() throws Exception {
        OscRest wrong = admin.as("victim", "not-the-password");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 20; i++) {
            last = wrong.exchange("GET", "server/v1/users/victim");
            statuses.add(last.statusCode());
        }
        System.out.println("BRUTEFORCE 20 wrong passwords: " + statuses);
        assertEquals(401, statuses.get(0));
        assertEquals(429, last.statusCode(), "statuses: " + statuses);
        long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
        assertEquals("application/problem+json", last.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(last.body().contains("\"status\":429"), last.body());

        OscRest right = admin.as("victim", VICTIM_PASSWORD);
        assertEquals(429, right.exchange("GET", "server/v1/users/victim").statusCode(),
                "while locked even the right password is refused (it is not checked)");
        assertEquals(429, right.exchange("GET", "plugins/sample/sdn/hooks").statusCode(), "the plugins' API too");
        HttpResponse<String> metrics = right.exchange("GET", "/metrics");
        assertEquals(429, metrics.statusCode(), "/metrics logs in through the same throttle");
        assertTrue(metrics.headers().firstValue("Retry-After").isPresent());

        Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter) + 200);
        HttpResponse<String> after = right.exchange("GET", "server/v1/users/victim");
        assertEquals(200, after.statusCode(), after.body());
        assertEquals(200, right.exchange("GET", "/metrics").statusCode());
        assertEquals(200, right.exchange("GET", "plugins/sample/sdn/hooks").statusCode());

        String scrape = admin.exchange("GET", "/metrics").body();
        assertTrue(scrape.contains("osc_login_lockouts_total{kind=\"name\"} 1.0"), "one lockout of a name counted");
        String log = Files.readString(locking.home().resolve("data/logs/osc.log"));
        List<String> lines = log.lines().filter(l -> l.contains("Logins locked") && l.contains("'victim'")).toList();
        assertEquals(1, lines.size(), "each lockout is logged once: " + lines);
        assertTrue(lines.get(0).contains("from 127.0.0.1"), "with the client's address: " + lines);
        assertTrue(!log.contains("not-the-password"), "no password in the log");

        OscRest.within(Duration.ofSeconds(10), "the lockout in the audit trail",
                () -> admin.get("server/v1/audit?user=victim&limit=1000").path("items").findValues("event").stream()
                        .filter(e -> e.asText().equals("lockout")).count() == 1,
                () -> admin.get("server/v1/audit?user=victim&limit=1000"));
        JsonNode records = admin.get("server/v1/audit?user=victim&limit=1000").path("items");
        long refused = records.findValues("event").stream().filter(e -> e.asText().equals("login-failure")).count();
        assertEquals(20 + 3, refused, "every refused attempt (API, plugins' API, /metrics) is audited: " + records);
    }

    @Test
    void aWrongPasswordTakesAsLongForAnUnknownNameAsForAUsers() {
        OscRest user = openAdmin.as("victim", "wrong-password");
        OscRest unknown = openAdmin.as("nobody-here", "wrong-password");
        // Warm: connections, and the dummy hash made at the first unknown name.
        for (int i = 0; i < 3; i++) {
            user.exchange("GET", "server/v1/users/victim");
            unknown.exchange("GET", "server/v1/users/victim");
        }
        List<Long> users = new ArrayList<>();
        List<Long> unknowns = new ArrayList<>();
        for (int i = 0; i < TIMED; i++) {
            // In turns, each first every other time: a change of the machine's load weighs on both alike.
            if (i % 2 == 0) {
                users.add(timed(user));
                unknowns.add(timed(unknown));
            } else {
                unknowns.add(timed(unknown));
                users.add(timed(user));
            }
        }
        double userMedian = median(users) / 1e6;
        double unknownMedian = median(unknowns) / 1e6;
        double spread = (percentile(users, 75) - percentile(users, 25)) / 1e6;
        System.out.printf("BRUTEFORCE wrong password, median of %d: existing user %.1f ms, unknown user %.1f ms"
                + " (interquartile range of the existing user's: %.1f ms)%n", TIMED, userMedian, unknownMedian, spread);
        // A few milliseconds. On a loaded machine the checks themselves vary by more, and two medians of 50 by about
        // a fifth of that spread: then the bound is half the spread (leaking the name's existence costs a whole
        // bcrypt check, far beyond either).
        double bound = Math.max(5, spread / 2);
        assertTrue(Math.abs(userMedian - unknownMedian) <= bound,
                "within " + bound + " ms: " + userMedian + " / " + unknownMedian);
    }

    @Test
    void eightConnectionsFloodingWrongPasswordsLeaveAuthenticatedGetsFast() throws Exception {
        // The admin's credential is verified (and cached) before the flood, as a client that is already working.
        gets(Duration.ofSeconds(3));
        List<Long> quiet = gets(Duration.ofSeconds(3));
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        ExecutorService flood = Executors.newFixedThreadPool(FLOODERS);
        long end = System.nanoTime() + FLOOD.toNanos();
        List<Future<?>> flooders = new ArrayList<>();
        for (int i = 0; i < FLOODERS; i++) {
            OscRest attacker = openAdmin.as(i % 2 == 0 ? "victim" : "nobody-" + i, "wrong-password-" + i);
            flooders.add(flood.submit(() -> {
                while (System.nanoTime() < end) {
                    int status = attacker.exchange("GET", "server/v1/users/victim").statusCode();
                    answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
            }));
        }
        List<Long> flooded;
        try {
            Thread.sleep(500);
            flooded = gets(FLOOD.minusSeconds(1));
        } finally {
            for (Future<?> flooder : flooders) {
                flooder.get(FLOOD.toSeconds() + 70, TimeUnit.SECONDS);
            }
            flood.shutdownNow();
        }
        System.out.printf("BRUTEFORCE authenticated GET without flood: %d requests, p50 %.2f ms, p99 %.2f ms%n",
                quiet.size(), percentile(quiet, 50) / 1e6, percentile(quiet, 99) / 1e6);
        System.out.printf("BRUTEFORCE authenticated GET during a flood of %d connections: %d requests, p50 %.2f ms,"
                + " p99 %.2f ms; the flood's answers: %s%n", FLOODERS, flooded.size(), percentile(flooded, 50) / 1e6,
                percentile(flooded, 99) / 1e6, answers);
        assertTrue(answers.containsKey(401), "the flood's wrong passwords were checked: " + answers);
        // 20 ms; on a machine so loaded that its p99 without the flood is already over 10 ms, twice that p99.
        long bound = Math.max(TimeUnit.MILLISECONDS.toNanos(20), 2 * percentile(quiet, 99));
        assertTrue(percentile(flooded, 99) < bound, "p99 under " + bound / 1e6 + " ms during the flood: "
                + percentile(flooded, 99) / 1e6 + " ms");
    }

    /** Authenticated GETs one after another for the time; returns each one's duration in nanoseconds. */
    private static List<Long> gets(Duration time) {
        List<Long> durations = new ArrayList<>();
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            HttpResponse<String> reply = openAdmin.exchange("GET", "server/v1/users/admin");
            durations.add(System.nanoTime() - start);
            assertEquals(200, reply.statusCode(), reply.body());
        }
        return durations;
    }

    private static long timed(OscRest client) {
        long start = System.nanoTime();
        HttpResponse<String> reply = client.exchange("GET", "server/v1/users/victim");
        long took = System.nanoTime() - start;
        assertEquals(401, reply.statusCode(), reply.body());
        return took;
    }

    private static double median(List<Long> values) {
        return percentile(values, 50);
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
