package org.osc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.bench.ovn.NbServer;

/**
 * The benchmark's own code at a tiny scale, asserting behaviour and never time: every sampled change reached the
 * port groups (none missed), every port group holds exactly the pods its labels select after setup, sampling and
 * restart, the restart's resync made no SDN write, and the VNF Deployment deleted by hand came back with its
 * instances registered again. Once with the in-memory SDN stand-in, once with the OVN plugin on a real
 * {@code ovsdb-server} ({@code --sdn ovn}: there the port groups are read by an independent monitor of the
 * northbound database, the floor's changes are all seen, and the restart writes no northbound transaction); that one
 * is skipped without {@code ovsdb-server}, or fails with {@code OSC_REQUIRE_OVN} set (as in CI).
 */
class BenchmarkSmokeIT {

    @TempDir
    Path work;

    @BeforeAll
    static void quiet() {
        MembershipBenchmark.quietLibraries();
    }

    /** What the scenario printed, kept for the assertion messages. */
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @Test
    void aTinyScenarioFollowsEveryChangeAndResyncsWithoutWrites() throws Exception {
        BenchConfig config = tiny(SdnKind.MEMORY);
        ScenarioResult result = run(config);
        String report = report(result);

        assertEquals(List.of(), result.problems(), report);
        Sampler.Result samples = result.samples();
        assertEquals(List.of(), samples.errors(), report);
        assertEquals(10, samples.create().summary().count(), report);
        assertEquals(0, samples.create().summary().missed(), report);
        assertEquals(10, samples.relabel().summary().count(), report);
        assertEquals(0, samples.relabel().summary().missed(), report);
        assertEquals(10, samples.informerAdded().summary().count(), report);

        RestartResync resync = result.resync();
        assertTrue(resync.completed(), report);
        assertTrue(resync.groupJobs() >= config.groups(), report);
        assertEquals(0, resync.writes(), report);
        assertEquals(0, resync.pluginChanges(), report);

        assertEquals(List.of(), result.vnf().errors(), report);
        assertEquals(1, result.vnf().registered().summary().count(), report);
    }

    @Test
    void withOvnTheNorthboundMonitorSeesEveryChangeAndTheRestartWritesNothing() throws Exception {
        Optional<String> missing = NbServer.unavailable();
        if (missing.isPresent()) {
            if (System.getenv("OSC_REQUIRE_OVN") != null) {
                fail("OSC_REQUIRE_OVN is set but " + missing.get());
            }
            Assumptions.abort(missing.get());
        }
        BenchConfig config = tiny(SdnKind.OVN);
        ScenarioResult result = run(config);
        String report = report(result);

        assertEquals(List.of(), result.problems(), report);
        Sampler.Result samples = result.samples();
        assertEquals(List.of(), samples.errors(), report);
        assertEquals(10, samples.create().summary().count(), report);
        assertEquals(10, samples.relabel().summary().count(), report);
        assertEquals(10, samples.plugged().summary().count(), "every sampled pod got its port: " + report);
        assertEquals(10, result.floor().join().summary().count(), report);
        assertEquals(10, result.floor().leave().summary().count(), report);

        RestartResync resync = result.resync();
        assertTrue(resync.completed(), report);
        assertEquals(0, resync.writes(), report);
        assertEquals(0, resync.nbTransactions(), report);
        assertEquals(List.of(), result.vnf().errors(), report);
        assertEquals(1, result.vnf().registered().summary().count(), report);
    }

    /** The tiny scenario both tests run: 60 pods, 6 groups, 10 samples each way. */
    private BenchConfig tiny(SdnKind sdn) {
        return new BenchConfig(60, 6, 10, 5, 20, 2, 1, 1, 4, sdn, OscSide.SERVER_H2_OPTIONS, work);
    }

    private ScenarioResult run(BenchConfig config) throws Exception {
        return new Scenario(config, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
    }

    /** @return the scenario's progress and its report block, for assertion messages */
    private String report(ScenarioResult result) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report.scenario(result, new PrintStream(printed, true, StandardCharsets.UTF_8));
        return progress.toString(StandardCharsets.UTF_8) + printed.toString(StandardCharsets.UTF_8);
    }
}
