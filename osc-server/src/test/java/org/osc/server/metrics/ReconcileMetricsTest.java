package org.osc.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osc.server.domain.ObjectType;
import org.osc.server.job.InMemoryJobStore;
import org.osc.server.job.JobEngine;
import org.osc.server.reconcile.Backoff;
import org.osc.server.reconcile.ReconcileContext;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.reconcile.Result;
import org.osc.server.reconcile.WorkQueue;

/**
 * The reconcile and work queue families move as a real loop (queue, workers, job engine) runs a fake reconciler
 * that passes, fails, or asks to be looked at again.
 */
@Timeout(30)
class ReconcileMetricsTest {

    /** A type no other test of this JVM reconciles, so its series move only here. */
    private static final ObjectType TYPE = ObjectType.APPLIANCE_SOFTWARE_VERSION;
    private static final String CONTROLLER = "controller=\"appliance_software_version\"";

    private final JobEngine engine = new JobEngine(new InMemoryJobStore());
    private final ReconcileQueue queue = new ReconcileQueue(new WorkQueue<>(Clock.systemUTC(),
            new Backoff(Duration.ofMillis(20), Duration.ofMillis(40))));
    private final ReconcileService loop;
    /** What each id's reconcile answers; an absent id does not exist. */
    private final Map<Long, Result> results = new ConcurrentHashMap<>();
    /** Ids whose reconcile throws. */
    private final Map<Long, RuntimeException> failures = new ConcurrentHashMap<>();

    ReconcileMetricsTest() {
        engine.start();
        loop = new ReconcileService(engine, queue, 1, Clock.systemUTC());
        loop.register(new Reconciler() {
            @Override
            public ObjectType type() {
                return TYPE;
            }

            @Override
            public Optional<Description> describe(long id) {
                return results.containsKey(id) || failures.containsKey(id)
                        ? Optional.of(new Description("Reconcile " + id)) : Optional.empty();
            }

            @Override
            public Result reconcile(long id, ReconcileContext context) throws Exception {
                context.step("work", ctx -> Thread.sleep(5));
                if (failures.containsKey(id)) {
                    throw failures.get(id);
                }
                return results.get(id);
            }
        });
    }

    @AfterEach
    void tearDown() {
        loop.close();
        engine.close();
    }

    @Test
    void aPassingReconcileCountsASuccessAndItsTime() throws Exception {
        Scrape before = Scrape.now();
        results.put(1L, Result.done());
        queue.request(TYPE, 1);
        waitFor(() -> delta(before, "osc_reconcile_total{" + CONTROLLER + ",result=\"success\"}") == 1);

        Scrape after = Scrape.now();
        assertEquals(0, delta(before, after, "osc_reconcile_total{" + CONTROLLER + ",result=\"error\"}"));
        assertEquals(0, delta(before, after, "osc_reconcile_errors_total{" + CONTROLLER + "}"));
        assertEquals(1, delta(before, after, "osc_reconcile_time_seconds_count{" + CONTROLLER + "}"));
        assertTrue(delta(before, after, "osc_reconcile_time_seconds_sum{" + CONTROLLER + "}") >= 0.005,
                "the time includes the 5 ms step:\n" + after);
        assertTrue(delta(before, after, "osc_reconcile_time_seconds_bucket{" + CONTROLLER + ",le=\"0.001\"}") == 0,
                "not in the 1 ms bucket");
        assertEquals(1, delta(before, after, "osc_workqueue_adds_total{name=\"reconcile\"}"));
        assertEquals(1, delta(before, after, "osc_workqueue_queue_duration_seconds_count{name=\"reconcile\"}"));
    }

    @Test
    void aFailingReconcileCountsAnErrorAndItsRetries() throws Exception {
        Scrape before = Scrape.now();
        failures.put(2L, new IllegalStateException("the controller is down"));
        queue.request(TYPE, 2);
        waitFor(() -> delta(before, "osc_reconcile_errors_total{" + CONTROLLER + "}") >= 3);

        failures.remove(2L);
        results.put(2L, Result.done());
        waitFor(() -> delta(before, "osc_reconcile_total{" + CONTROLLER + ",result=\"success\"}") == 1);
        Scrape after = Scrape.now();
        double errors = delta(before, after, "osc_reconcile_total{" + CONTROLLER + ",result=\"error\"}");
        assertTrue(errors >= 3, after.toString());
        assertEquals(errors, delta(before, after, "osc_reconcile_errors_total{" + CONTROLLER + "}"));
        assertTrue(delta(before, after, "osc_workqueue_retries_total{name=\"reconcile\"}") >= errors,
                "each failure is retried after its backoff");
        assertEquals(errors + 1, delta(before, after, "osc_reconcile_time_seconds_count{" + CONTROLLER + "}"));
    }

    @Test
    void aReconcileAskingToBeLookedAtAgainCountsARequeue() throws Exception {
        Scrape before = Scrape.now();
        results.put(3L, Result.requeueAfter(Duration.ofHours(1)));
        queue.request(TYPE, 3);
        waitFor(() -> delta(before, "osc_reconcile_total{" + CONTROLLER + ",result=\"requeue_after\"}") == 1);
        assertEquals(0, delta(before, Scrape.now(), "osc_reconcile_total{" + CONTROLLER + ",result=\"success\"}"));
    }

    @Test
    void theQueueDepthShowsKeysWaitingAndTheirWaitIsTimed() throws Exception {
        WorkQueue<String> keys = new WorkQueue<>();
        Scrape before = Scrape.now();
        keys.add("a");
        keys.add("b");
        keys.add("a"); // already waiting: not an add
        assertEquals(2, Scrape.now().value("osc_workqueue_depth{name=\"reconcile\"}"));
        Thread.sleep(30);
        keys.take();
        Scrape after = Scrape.now();
        assertEquals(1, after.value("osc_workqueue_depth{name=\"reconcile\"}"));
        assertEquals(2, delta(before, after, "osc_workqueue_adds_total{name=\"reconcile\"}"));
        assertEquals(1, delta(before, after, "osc_workqueue_queue_duration_seconds_count{name=\"reconcile\"}"));
        assertTrue(delta(before, after, "osc_workqueue_queue_duration_seconds_sum{name=\"reconcile\"}") >= 0.03,
                "the key waited 30 ms:\n" + after);
        keys.shutDown();
        assertEquals(0, Scrape.now().value("osc_workqueue_depth{name=\"reconcile\"}"));
    }

    private static double delta(Scrape before, String series) {
        return delta(before, Scrape.now(), series);
    }

    private static double delta(Scrape before, Scrape after, String series) {
        return after.value(series) - before.value(series);
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s:\n" + Scrape.now());
            }
            Thread.sleep(10);
        }
    }
}
